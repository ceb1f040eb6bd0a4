import { describe, expect, it } from 'vitest';
import type { Reading } from '../../src/shared/contract';
import { createReadingStore } from '../../src/renderer/reading-store';

const reading = (t: number, powerW: number): Reading => ({ t, channel: 0, mean: 512, min: 500, max: 524, rms: 4, currentA: 1, powerW, flags: 0, mono: t });

describe('the reading store', () => {
  it('holds nothing at first, then the latest reading, and tells each listener every reading until it leaves', () => {
    const store = createReadingStore();
    expect(store.latest()).toBeNull();
    const a: number[] = [];
    const b: number[] = [];
    const offA = store.subscribe((r) => a.push(r.t));
    store.subscribe((r) => b.push(r.t));
    store.push(reading(1, 100));
    offA();
    store.push(reading(2, 200));
    expect(store.latest()).toEqual(reading(2, 200));
    expect(a).toEqual([1]);
    expect(b).toEqual([1, 2]);
  });
});
