import type { RemoteNode } from './mqtt-schema';

/** This box plus the others that are not stale: what the house draws now, as far as it is known. */
export function houseTotalW(ownW: number | null, others: readonly RemoteNode[]): { totalW: number; staleNodes: number } {
  let totalW = ownW ?? 0;
  let staleNodes = 0;
  for (const n of others) {
    if (n.stale || n.powerW === null) staleNodes++;
    else totalW += n.powerW;
  }
  return { totalW, staleNodes };
}
