import { expect } from 'vitest';

// vitest types its asymmetric matchers as `any`, so that they fit any field of an expected
// object. Typed as `unknown` they fit toEqual and toMatchObject just as well, and the
// no-unsafe-* lint rules can stay on for the values a test really reads.

/** A string that contains `text`. */
export const containing = (text: string): unknown => expect.stringContaining(text);

/** A string that matches `pattern`. */
export const matching = (pattern: RegExp): unknown => expect.stringMatching(pattern);

/** Any string at all. */
export const someString = (): unknown => expect.any(String);

/** A number within 10^-digits / 2 of `n`. */
export const near = (n: number, digits?: number): unknown => expect.closeTo(n, digits);

/** An array that holds at least these items. */
export const holding = (items: readonly unknown[]): unknown => expect.arrayContaining(items as unknown[]);
