import { readFileSync, readdirSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Where the kernel lists IIO devices; tests point it at a temp tree. */
export const IIO_ROOT = '/sys/bus/iio/devices';
/** The `name` of the device that `dtoverlay=mcp3008` creates. */
const MCP3008_IIO_NAME = 'mcp3008';

export const channelFile = (deviceDir: string, channel: number): string => join(deviceDir, `in_voltage${channel}_raw`);

const isIioDevice = (entry: string): boolean => entry.startsWith('iio:device');

/** The first iio:deviceN whose name is mcp3008, or null. Synchronous: used once, to choose a source. */
export function findMcp3008Sync(root = IIO_ROOT): string | null {
  let entries: string[];
  try {
    entries = readdirSync(root).filter(isIioDevice).sort();
  } catch {
    return null;
  }
  for (const e of entries) {
    try {
      if (readFileSync(join(root, e, 'name'), 'utf8').trim() === MCP3008_IIO_NAME) return join(root, e);
    } catch {
      // A device without a readable name is not ours.
    }
  }
  return null;
}

/** The same search, for the sampling loop, which re-finds the device on every (re)open. */
export async function findMcp3008(root = IIO_ROOT): Promise<string | null> {
  let entries: string[];
  try {
    entries = (await readdir(root)).filter(isIioDevice).sort();
  } catch {
    return null;
  }
  for (const e of entries) {
    const name = await readFile(join(root, e, 'name'), 'utf8').catch(() => '');
    if (name.trim() === MCP3008_IIO_NAME) return join(root, e);
  }
  return null;
}

/** A raw attribute as the driver prints it ("512\n"); null when it is not a 10-bit count. */
export function parseRawCount(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,4}$/.test(t)) return null;
  const n = Number(t);
  return n <= 1023 ? n : null;
}
