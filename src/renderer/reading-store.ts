import { useSyncExternalStore } from 'react';
import type { Reading } from '../shared/contract';

/**
 * The latest reading, held outside React state: a reading (two a second) then
 * re-renders only the components that select something of it that changed (the
 * gauge), not the whole screen. On a Pi 3B+ that is the difference between a
 * footprint the board carries and one it does not.
 */
export interface ReadingStore {
  latest: () => Reading | null;
  /** The listener hears every reading; returns its removal. */
  subscribe: (listener: (reading: Reading) => void) => () => void;
}

export interface WritableReadingStore extends ReadingStore {
  push: (reading: Reading) => void;
}

export function createReadingStore(): WritableReadingStore {
  let latest: Reading | null = null;
  const listeners = new Set<(reading: Reading) => void>();
  return {
    latest: () => latest,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    push: (reading) => {
      latest = reading;
      for (const listener of listeners) listener(reading);
    },
  };
}

/**
 * What a component shows of the latest reading. `select` must return a value
 * that compares equal (Object.is) while what it shows is the same, a number or
 * a string, or the reading itself: the component re-renders only when it differs.
 */
export function useReading<T>(store: ReadingStore, select: (reading: Reading | null) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.latest()));
}
