import { type FileHandle, mkdir, open, rename, unlink } from 'node:fs/promises';
import type { ExportFailure } from '../../shared/kiosk-contract';

export class ExportError extends Error {
  constructor(
    readonly reason: ExportFailure,
    message: string,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
// What a stick pulled out mid-write gives: the device is gone under the mount.
const GONE = new Set(['EIO', 'ENOENT', 'ENODEV', 'ENXIO', 'ESTALE', 'ENOTDIR']);

export function classify(err: unknown, onStick: boolean): ExportError {
  if (err instanceof ExportError) return err;
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const msg = (err as Error).message;
  if (DISK_FULL.has(code)) return new ExportError('disk_full', `no space left: ${msg}`);
  if (onStick && GONE.has(code)) return new ExportError('media_removed', `the USB stick went away during the export: ${msg}`);
  return new ExportError('io', msg);
}

/** Gathers small lines into big writes: one syscall per 64 KiB, not per row. */
export async function pumpLines(lines: Iterable<string>, write: (chunk: string) => Promise<void>, chunkBytes = 65_536): Promise<number> {
  let buf: string[] = [];
  let size = 0;
  let total = 0;
  for (const line of lines) {
    buf.push(line);
    size += line.length;
    if (size >= chunkBytes) {
      const chunk = buf.join('');
      buf = [];
      size = 0;
      total += Buffer.byteLength(chunk);
      await write(chunk);
    }
  }
  if (buf.length) {
    const chunk = buf.join('');
    total += Buffer.byteLength(chunk);
    await write(chunk);
  }
  return total;
}

/**
 * Writes `name.csv.partial`, fsyncs, and only then renames it `name.csv`: a file
 * with the final name is always complete. On any failure the partial file is
 * removed (when the stick is still there to remove it from) and the error says
 * what happened.
 */
export async function writeCsvFile(lines: Iterable<string>, file: string, onStick: boolean): Promise<number> {
  const partial = `${file}.partial`;
  let fh: FileHandle | null = null;
  try {
    await mkdir(file.slice(0, file.lastIndexOf('/')) || '/', { recursive: true });
    fh = await open(partial, 'w');
    const handle = fh;
    const bytes = await pumpLines(lines, async (chunk) => {
      await handle.write(chunk);
    });
    await fh.sync();
    await fh.close();
    fh = null;
    await rename(partial, file);
    return bytes;
  } catch (err) {
    await fh?.close().catch(() => undefined);
    await unlink(partial).catch(() => undefined);
    throw classify(err, onStick);
  }
}
