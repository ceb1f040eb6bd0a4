import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { SkippedRecord } from './import-journal';

const csvField = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Every skipped record, one CSV line each, with its place in the source; resolves to the lines written. */
export async function writeSkipReport(path: string, records: Iterable<SkippedRecord>, source: string): Promise<number> {
  const out = createWriteStream(path);
  const write = async (line: string): Promise<void> => {
    if (!out.write(line)) await once(out, 'drain');
  };
  let n = 0;
  try {
    await write(`# records skipped importing ${source}\nposition,reason,detail\n`);
    for (const r of records) {
      await write(`${csvField(r.position)},${r.reason},${csvField(r.detail)}\n`);
      n++;
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return n;
}
