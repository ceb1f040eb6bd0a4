import type { LiveEvent } from '../../shared/contract';

export type Listener = (event: LiveEvent) => void;

/** Fans live events out to the window and to every browser; a failing listener cannot stop the others. */
export class EventHub {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: LiveEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        console.error('live listener failed:', err);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
