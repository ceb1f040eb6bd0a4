// Zod-free, so the renderer can list the choices without bundling the validator
// (zod compiles with new Function, which the page's CSP forbids).

/** Puissances souscrites offered by French suppliers, kVA. */
export const SUBSCRIBED_KVA = [3, 6, 9, 12, 15, 18, 24, 30, 36] as const;
