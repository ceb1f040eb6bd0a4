import { constants } from 'node:fs';
import { type FileHandle, link, lstat, mkdir, open, rename, unlink } from 'node:fs/promises';
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

function classify(err: unknown, onStick: boolean): ExportError {
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

// Created, never opened: a symlink planted at the name fails (O_EXCL never
// follows one), and so does a second writer of the same file.
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
// Filesystems without hard links (vfat, exFAT: most USB sticks) refuse link().
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

const exists = (path: string): Promise<boolean> =>
  lstat(path).then(
    () => true,
    (e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? false : Promise.reject(e)),
  );

/** Gives the complete file its name: link() refuses a name taken meanwhile, where rename() would replace it. */
async function publish(partial: string, file: string, overwrite: boolean): Promise<void> {
  if (overwrite) return rename(partial, file);
  try {
    await link(partial, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') throw new ExportError('io', `${file} appeared during the export: kept as it is`);
    if (!NO_LINKS.has(code)) throw err;
    if (await exists(file)) throw new ExportError('io', `${file} appeared during the export: kept as it is`);
    return rename(partial, file);
  }
  await unlink(partial);
}

export interface WriteOptions {
  /** Replace an existing file of that name (the CLI's --force); never by default. */
  overwrite?: boolean;
}

/**
 * Writes `name.csv.partial`, fsyncs, and only then gives it its name: a file
 * with the final name is always complete. The partial file is created new (no
 * symlink followed, no second writer: the first one wins, the other fails and
 * leaves its file alone), and an existing file is never replaced unless asked.
 * On any failure the partial file is removed (when the stick is still there to
 * remove it from) and the error says what happened.
 */
export async function writeCsvFile(lines: Iterable<string>, file: string, onStick: boolean, o: WriteOptions = {}): Promise<number> {
  const partial = `${file}.partial`;
  let fh: FileHandle | null = null;
  let created = false;
  try {
    await mkdir(file.slice(0, file.lastIndexOf('/')) || '/', { recursive: true });
    if (!o.overwrite && (await exists(file))) throw new ExportError('io', `${file} exists: choose another name, or replace it (--force)`);
    fh = await open(partial, CREATE_NEW, 0o644).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST' && e.code !== 'ELOOP') throw e;
      throw new ExportError('io', `${partial} exists: another export is writing ${file} (if none is, remove ${partial})`);
    });
    created = true;
    const handle = fh;
    const bytes = await pumpLines(lines, async (chunk) => {
      await handle.write(chunk);
    });
    await fh.sync();
    await fh.close();
    fh = null;
    await publish(partial, file, o.overwrite ?? false);
    return bytes;
  } catch (err) {
    await fh?.close().catch(() => undefined);
    // Only a file this call made: another writer's partial is theirs.
    if (created) await unlink(partial).catch(() => undefined);
    throw classify(err, onStick);
  }
}
