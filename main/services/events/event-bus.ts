/** A typed in-process event bus; transports subscribe to forward events to their clients. */
import type { EventMap, EventName } from '../../../shared/api/contract';

type AnyListener = (name: EventName, payload: EventMap[EventName]) => void;

export class EventBus {
  private readonly listeners = new Set<AnyListener>();

  emit<E extends EventName>(name: E, payload: EventMap[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(name, payload);
      } catch (error) {
        console.error(`[events] a listener for ${name} failed:`, error);
      }
    }
  }

  /** Listens to every event; answers the function that stops listening. */
  subscribe(listener: AnyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
