import type { CDPSession } from 'playwright-core';

/**
 * Objects alive in a page's JS heap after a GC, counted by node type from a
 * V8 heap snapshot (HeapProfiler.takeHeapSnapshot): a count, unlike the heap's
 * size, does not move with the JIT's code or with one long string replaced by
 * another, so a small object kept per reading shows plainly.
 */
export async function heapCounts(cdp: CDPSession): Promise<Record<string, number>> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }): void => void chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const snap = JSON.parse(chunks.join('')) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[] };
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const typeAt = fields.indexOf('type');
  const counts: Record<string, number> = {};
  for (let i = typeAt; i < snap.nodes.length; i += fields.length) {
    const type = types[snap.nodes[i]!]!;
    counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}
