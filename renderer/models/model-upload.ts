/**
 * Adding a model file: by path in Electron (`models.add`), by upload to `/upload-model` in browser
 * mode (the server checks and stores it like `models.add` does). Kept beside the Models screen rather
 * than in renderer/api/ because only this screen uses it.
 */
import type { WhisperModelInfo } from '../../shared/domain/transcript';
import { api } from '../api/client';

export function addModelFile(file: File, onProgress: (fraction: number) => void): Promise<WhisperModelInfo> {
  const bridge = window.attuneBridge;
  if (bridge) {
    const path = bridge.pathForFile(file);
    if (!path) return Promise.reject(new Error(`“${file.name}” is not a file on this computer.`));
    return api.invoke('models.add', { path });
  }
  return new Promise<WhisperModelInfo>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/upload-model');
    xhr.setRequestHeader('X-Attune-File-Name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      type Body = Partial<WhisperModelInfo> & { message?: string; model?: WhisperModelInfo };
      const body = ((): Body | null => {
        try {
          return JSON.parse(xhr.responseText) as Body;
        } catch {
          return null; // not JSON: the status says what happened
        }
      })();
      if (xhr.status >= 200 && xhr.status < 300 && body) resolve((body.model ?? body) as WhisperModelInfo);
      else if (xhr.status === 404 || xhr.status === 405) reject(new Error('This version of Attune cannot take model files in browser mode yet.'));
      else reject(new Error(body?.message ?? `The model file was not added (${xhr.status}).`));
    };
    xhr.onerror = () => reject(new Error('The upload failed: Attune’s background service did not answer.'));
    xhr.send(file);
  });
}
