/**
 * The models folder (`<data>/models`): Whisper and Silero VAD ggml files, checked on the way in, the
 * default choices and the engine's thread count in the settings table, and `ATTUNE_WHISPER_MODEL`
 * (a model file elsewhere, listed and used as the default).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { ModelCatalogueEntry, WhisperModelInfo } from '../../../shared/domain/transcript';
import { CATALOGUE } from './catalogue';
import { checkWhisperFileComplete, inspectModelFile, ModelFileError, type ModelHeader } from './model-file';
import type { Settings } from './settings';

const DEFAULT_KEY = 'models.default';
const DEFAULT_VAD_KEY = 'models.defaultVad';
const THREADS_KEY = 'transcription.threads';

export interface ResolvedModel {
  id: string;
  path: string;
  kind: 'whisper' | 'vad';
  name: string;
}

export function defaultThreads(): number {
  return Math.max(1, (os.availableParallelism?.() ?? os.cpus().length) - 1);
}

export class ModelStore {
  private readonly headers = new Map<string, { key: string; header: ModelHeader | null }>();

  constructor(
    readonly dir: string,
    private readonly settings: Settings,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /** A file's header, cached by size and modification time; null when it is not a model. */
  private header(file: string): ModelHeader | null {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return null;
    }
    const key = `${stat.size}:${stat.mtimeMs}`;
    const cached = this.headers.get(file);
    if (cached?.key === key) return cached.header;
    let header: ModelHeader | null;
    try {
      header = inspectModelFile(file);
    } catch {
      header = null;
    }
    this.headers.set(file, { key, header });
    return header;
  }

  private envModelPath(): string | null {
    const p = this.env.ATTUNE_WHISPER_MODEL;
    return p ? path.resolve(p) : null;
  }

  /** Every usable model: the folder's files, then the ATTUNE_WHISPER_MODEL file. */
  list(): WhisperModelInfo[] {
    const files = fs
      .readdirSync(this.dir)
      .filter((f) => f.endsWith('.bin') && !f.startsWith('.'))
      .sort()
      .map((f) => ({ id: f, file: path.join(this.dir, f) }));
    const envPath = this.envModelPath();
    if (envPath) files.push({ id: envPath, file: envPath });
    const defaultWhisper = this.defaultModel('whisper')?.id;
    const defaultVad = this.defaultModel('vad')?.id;
    const out: WhisperModelInfo[] = [];
    for (const { id, file } of files) {
      const h = this.header(file);
      if (!h) continue;
      out.push({
        id,
        kind: h.kind,
        name: h.name,
        path: file,
        sizeBytes: fs.statSync(file).size,
        multilingual: h.kind === 'whisper' ? h.multilingual : false,
        isDefault: id === (h.kind === 'whisper' ? defaultWhisper : defaultVad),
      });
    }
    return out;
  }

  catalogue(): ModelCatalogueEntry[] {
    return CATALOGUE.map((m) => ({
      name: m.name,
      fileName: m.fileName,
      sizeBytes: m.sizeBytes,
      sha256: m.sha256,
      multilingual: m.multilingual,
      installed: fs.existsSync(path.join(this.dir, m.fileName)),
    }));
  }

  /** A model by id (a file name in the folder, or the ATTUNE_WHISPER_MODEL path), or any model file by path. */
  resolve(idOrPath: string): ResolvedModel {
    const inFolder = !idOrPath.includes('/') && !idOrPath.includes('\\') ? path.join(this.dir, idOrPath) : null;
    const file = inFolder && fs.existsSync(inFolder) ? inFolder : path.resolve(idOrPath);
    if (!fs.existsSync(file)) throw new ApiError('not_found', `There is no model "${idOrPath}". Add it on the Models screen (or with "attune models add").`);
    let h: ModelHeader;
    try {
      h = inspectModelFile(file);
    } catch (error) {
      throw new ApiError('invalid_input', error instanceof Error ? error.message : String(error));
    }
    return { id: inFolder && file === inFolder ? idOrPath : file, path: file, kind: h.kind, name: h.name };
  }

  /** The default Whisper model (ATTUNE_WHISPER_MODEL, else the chosen one, else the first), or VAD model. */
  defaultModel(kind: 'whisper' | 'vad'): ResolvedModel | null {
    if (kind === 'whisper') {
      const envPath = this.envModelPath();
      if (envPath && this.header(envPath)?.kind === 'whisper') return { id: envPath, path: envPath, kind, name: this.header(envPath)?.name ?? '' };
    }
    const chosen = this.settings.get(kind === 'whisper' ? DEFAULT_KEY : DEFAULT_VAD_KEY);
    const candidates = fs.readdirSync(this.dir).filter((f) => f.endsWith('.bin') && !f.startsWith('.')).sort();
    const ordered = chosen && candidates.includes(chosen) ? [chosen, ...candidates] : candidates;
    for (const f of ordered) {
      if (kind === 'vad' && !f.startsWith('ggml-silero-')) continue;
      const h = this.header(path.join(this.dir, f));
      if (h?.kind === kind) return { id: f, path: path.join(this.dir, f), kind, name: h.name };
    }
    return null;
  }

  /** Copies a model file into the folder after checking it; nothing is left behind when it is refused. */
  add(source: string, fileName?: string): WhisperModelInfo {
    let h: ModelHeader;
    try {
      h = inspectModelFile(source);
      if (h.kind === 'whisper') checkWhisperFileComplete(source);
    } catch (error) {
      if (error instanceof ModelFileError) throw new ApiError(error.code === 'unreadable' ? 'file_unreadable' : 'invalid_input', error.message);
      throw error;
    }
    let name = path.basename(fileName ?? source).replace(/[^\w.-]+/g, '_');
    if (h.kind === 'vad' && !name.startsWith('ggml-silero-')) name = `ggml-silero-v${h.version}.bin`;
    if (h.kind === 'whisper' && !name.endsWith('.bin')) name = `${name}.bin`;
    if (h.kind === 'whisper' && name.startsWith('ggml-silero-')) name = name.replace(/^ggml-silero-/, 'ggml-');
    const target = path.join(this.dir, name);
    const temp = path.join(this.dir, `.${name}.${process.pid}.adding`);
    try {
      fs.copyFileSync(source, temp);
      fs.renameSync(temp, target);
    } catch (error) {
      fs.rmSync(temp, { force: true });
      const code = (error as NodeJS.ErrnoException).code;
      throw new ApiError(code === 'ENOSPC' ? 'disk_full' : 'internal', code === 'ENOSPC' ? 'The disk is full: the model could not be copied.' : `The model could not be copied (${code ?? String(error)}).`);
    }
    this.headers.delete(target);
    const info = this.list().find((m) => m.id === name);
    if (!info) throw new ApiError('internal', 'The model was copied but cannot be read back.');
    return info;
  }

  setDefault(id: string): WhisperModelInfo {
    const info = this.list().find((m) => m.id === id);
    if (!info) throw new ApiError('not_found', `There is no model "${id}".`);
    if (info.path !== path.join(this.dir, id)) throw new ApiError('invalid_input', 'ATTUNE_WHISPER_MODEL already chooses the default model; unset it to choose another.');
    this.settings.set(info.kind === 'whisper' ? DEFAULT_KEY : DEFAULT_VAD_KEY, id);
    return { ...info, isDefault: true };
  }

  delete(id: string): void {
    const file = path.join(this.dir, path.basename(id));
    if (path.basename(id) !== id || !fs.existsSync(file)) {
      if (id === this.envModelPath()) throw new ApiError('invalid_input', 'That model comes from ATTUNE_WHISPER_MODEL; Attune does not delete files outside its models folder.');
      throw new ApiError('not_found', `There is no model "${id}".`);
    }
    fs.rmSync(file, { force: true });
    this.headers.delete(file);
    for (const key of [DEFAULT_KEY, DEFAULT_VAD_KEY]) if (this.settings.get(key) === id) this.settings.set(key, null);
  }

  threads(): number {
    const n = Number(this.settings.get(THREADS_KEY));
    return Number.isInteger(n) && n >= 1 ? n : defaultThreads();
  }

  setThreads(n: number): number {
    this.settings.set(THREADS_KEY, String(n));
    return n;
  }
}
