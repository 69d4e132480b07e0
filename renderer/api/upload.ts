/**
 * Browser mode has no file paths, so a chosen or dropped recording is streamed to the local server,
 * which imports it like any other file. In Electron the path is used directly (no copy over IPC).
 */
import { api } from './client';

export interface UploadHandle {
  /** Resolves with the import job id once the bytes have arrived. */
  done: Promise<string>;
  abort(): void;
}

export function uploadRecording(file: File, onProgress: (fraction: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<string>((resolve, reject) => {
    xhr.open('POST', '/upload');
    xhr.setRequestHeader('X-Attune-File-Name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      try {
        const body = JSON.parse(xhr.responseText) as { jobId?: string; message?: string };
        if (xhr.status === 202 && body.jobId) resolve(body.jobId);
        else reject(new Error(body.message ?? `The upload failed (${xhr.status}).`));
      } catch {
        reject(new Error(`The upload failed (${xhr.status}).`));
      }
    };
    xhr.onerror = () => reject(new Error('The upload failed: Attune’s background service did not answer.'));
    xhr.onabort = () => reject(new Error('Upload cancelled.'));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

/** Starts importing files: by path in Electron, by upload in browser mode. Answers job ids as they are known. */
export async function importFiles(files: File[], onUploadProgress?: (file: File, fraction: number) => void): Promise<string[]> {
  const bridge = window.attuneBridge;
  if (bridge) {
    const paths = files.map((f) => bridge.pathForFile(f)).filter((p) => p.length > 0);
    if (paths.length === 0) return [];
    return (await api.invoke('import.paths', { paths })).jobIds;
  }
  const ids: string[] = [];
  for (const file of files) {
    ids.push(await uploadRecording(file, (f) => onUploadProgress?.(file, f)).done);
  }
  return ids;
}
