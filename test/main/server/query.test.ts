import { describe, expect, it } from 'vitest';
import { queryToObject } from '../../../src/main/server/query';

describe('queryToObject()', () => {
  it('keeps __proto__ as an own key, so the strict schema sees it and refuses it', () => {
    const r = queryToObject(new URLSearchParams('__proto__=x&minutes=5'));
    expect(r.ok && Object.keys(r.value)).toEqual(['__proto__', 'minutes']);
    expect(r.ok && Object.getPrototypeOf(r.value)).toBe(Object.prototype);
  });
});
