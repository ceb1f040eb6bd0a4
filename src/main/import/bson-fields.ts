// The old system's documents are flat: an ObjectId and six numbers. Decoding each
// one whole with bson's deserialize costs most of a dump import, so this reads
// just the six fields from the bytes, and gives up (returns null, and the caller
// decodes the document with bson) on anything it does not know how to step over.

const FIELDS = ['time', 'channel', 'mean', 'rms', 'minadc', 'maxadc'] as const;
const NAMES = FIELDS.map((f) => Buffer.from(f, 'latin1'));

/** Bytes a value of this element type takes after its name, or -1 when not known here. */
function valueSize(buf: Buffer, type: number, at: number): number {
  switch (type) {
    case 0x01: // double
    case 0x09: // UTC datetime
    case 0x11: // timestamp
    case 0x12: // int64
      return 8;
    case 0x10: // int32
      return 4;
    case 0x07: // ObjectId
      return 12;
    case 0x08: // boolean
      return 1;
    case 0x0a: // null
    case 0x06: // undefined (deprecated)
    case 0x7f: // max key
    case 0xff: // min key
      return 0;
    case 0x13: // decimal128
      return 16;
    case 0x02: // string: length (with its NUL) then the bytes
      return 4 + buf.readInt32LE(at);
    case 0x03: // embedded document and array: their length counts itself
    case 0x04:
      return buf.readInt32LE(at);
    case 0x05: // binary: length, subtype, bytes
      return 5 + buf.readInt32LE(at);
    default:
      return -1;
  }
}

function fieldIndex(buf: Buffer, from: number, to: number): number {
  const len = to - from;
  for (let f = 0; f < NAMES.length; f++) {
    const name = NAMES[f]!;
    if (name.length !== len) continue;
    let same = true;
    for (let i = 0; i < len && same; i++) same = buf[from + i] === name[i];
    if (same) return f;
  }
  return -1;
}

/**
 * The six fields of the document at [start, end) of `buf` (numbers, or what
 * they wrongly are: a string, a boolean, null), or null to let bson decode it.
 */
export function readLegacyFields(buf: Buffer, start: number, end: number): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  let at = start + 4;
  const last = end - 1; // the document's closing NUL
  if (buf[last] !== 0) return null;
  while (at < last) {
    const type = buf[at]!;
    const nameEnd = buf.indexOf(0, at + 1);
    if (nameEnd < 0 || nameEnd >= last) return null;
    const f = fieldIndex(buf, at + 1, nameEnd);
    const v = nameEnd + 1;
    if (v + 4 > end && type !== 0x0a && type !== 0x08) return null;
    const size = valueSize(buf, type, v);
    if (size < 0 || v + size > last) return null;
    if (f >= 0) {
      const name = FIELDS[f]!;
      if (type === 0x01) out[name] = buf.readDoubleLE(v);
      else if (type === 0x10) out[name] = buf.readInt32LE(v);
      else if (type === 0x12) out[name] = Number(buf.readBigInt64LE(v));
      else if (type === 0x0a) out[name] = null;
      else if (type === 0x08) out[name] = buf[v] === 1;
      else if (type === 0x02) out[name] = buf.toString('utf8', v + 4, v + size - 1);
      else return null;
    }
    at = v + size;
  }
  return at === last ? out : null;
}
