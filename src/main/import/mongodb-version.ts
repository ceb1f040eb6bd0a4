import { redactedUrl } from './mongodb-url';

/**
 * Server releases by the maxWireVersion their handshake reports (the table in
 * MongoDB's driver specifications, "wire version" per server release). Servers
 * before 2.6, such as Raspbian's 2.4, report none: the driver reads 0.
 */
const RELEASE_BY_WIRE: readonly string[] = ['2.4 or older', '2.6', '2.6', '3.0', '3.2', '3.4', '3.6', '4.0', '4.2'];

export function releaseOfWireVersion(wire: number): string {
  return RELEASE_BY_WIRE[wire] ?? `wire version ${wire}`;
}

/** What works on the old Pi instead: its own mongodump reads the data files, mongod stopped. */
export const OLD_PI_COMMAND = 'mongodump --dbpath /var/lib/mongodb --db power --collection adc --out - | corcy-power import bson -';

/**
 * The wire version of a server the driver refused as too old, read from the
 * MongoCompatibilityError its handshake check (checkSupportedServer, cmap/connect)
 * gives: "reports maximum wire version N". Null for any other error.
 */
export function tooOldWireVersion(error: { name?: string; message?: string } | null | undefined): number | null {
  if (error?.name !== 'MongoCompatibilityError') return null;
  const m = /reports maximum wire version (\d+)/.exec(error.message ?? '');
  return m ? Number(m[1]) : null;
}

/** One line: which server it is, and the command that reads its data anyway. */
export function tooOldMessage(url: string, wire: number): string {
  return (
    `MongoDB at ${redactedUrl(url)} is ${releaseOfWireVersion(wire)} (wire version ${wire}); a live import needs 4.4 or later. ` +
    `On the old Pi, stop mongod and run: ${OLD_PI_COMMAND}`
  );
}
