/**
 * Query strings carry text; the contract speaks JSON types. Plain decimal numbers
 * become numbers and everything else stays a string, so the same strict schema
 * judges an HTTP request and an IPC payload. A repeated key is an error.
 */
export function queryToObject(params: URLSearchParams): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of params) {
    if (Object.hasOwn(out, k)) return { ok: false, message: `parameter "${k}" given more than once` };
    // defineProperty, not assignment: `out.__proto__ = v` would call the prototype
    // setter and drop the key, so ?__proto__=x would slip past the strict schema.
    Object.defineProperty(out, k, { value: /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v, enumerable: true, writable: true, configurable: true });
  }
  return { ok: true, value: out };
}
