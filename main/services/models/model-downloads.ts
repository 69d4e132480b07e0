/** Model downloads in the background, reported as `models.download` events (one per model at a time). */
import { ApiError } from '../../../shared/api/errors';
import type { EventBus } from '../events/event-bus';
import { CATALOGUE } from './catalogue';
import { downloadModel } from './download';

export class ModelDownloads {
  private readonly active = new Map<string, AbortController>();

  constructor(
    private readonly dir: string,
    private readonly events: EventBus,
  ) {}

  /** Starts a download; answers the promise of its end (the events carry the outcome too). */
  start(name: string): Promise<string | null> {
    if (!CATALOGUE.some((c) => c.name === name)) {
      throw new ApiError('not_found', `There is no standard model called "${name}". Choose one of: ${CATALOGUE.map((c) => c.name).join(', ')}.`);
    }
    if (this.active.has(name)) throw new ApiError('invalid_input', `${name} is already downloading.`);
    const controller = new AbortController();
    this.active.set(name, controller);
    return downloadModel(this.dir, name, (p) => this.events.emit('models.download', p), controller.signal).then(
      (file) => {
        this.active.delete(name);
        this.events.emit('models.changed', {});
        return file;
      },
      (error: unknown) => {
        this.active.delete(name);
        const message = error instanceof Error ? error.message : String(error);
        this.events.emit('models.download', { name, receivedBytes: 0, totalBytes: 0, done: true, error: message });
        return null;
      },
    );
  }

  cancelAll(): void {
    for (const c of this.active.values()) c.abort();
    this.active.clear();
  }
}
