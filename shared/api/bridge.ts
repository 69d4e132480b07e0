/** What the Electron preload exposes to the page as `window.attuneBridge`, and nothing more. */
import type { CallResult } from './wire';

export interface PreloadBridge {
  call(name: string, input: unknown): Promise<CallResult>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
  /** The file-system path of a dropped or chosen File (a DOM `File`); '' for one made in JavaScript. */
  pathForFile(file: object): string;
}
