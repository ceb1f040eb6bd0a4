import type { RemoteNode } from '../../shared/mqtt-schema';

interface Seen {
  powerW: number | null;
  at: number | null;
  online: boolean;
}

/**
 * The other boxes on the broker, from their power and status topics. A box is
 * stale when its last will said `offline`, or when it has been silent for
 * longer than `staleAfterMs` (a box that lost its network may not have been
 * declared offline yet: the broker waits 1.5 keep-alives).
 */
export class RemoteNodes {
  private readonly seen = new Map<string, Seen>();

  constructor(
    private readonly self: string,
    private readonly staleAfterMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A message on `<prefix>/<node>/<leaf>`; true when what the screen shows changed. */
  note(node: string, leaf: string, payload: string): boolean {
    if (node === this.self) return false;
    const s = this.seen.get(node) ?? { powerW: null, at: null, online: true };
    if (leaf === 'status') {
      s.online = payload === 'online';
    } else if (leaf === 'power') {
      const w = Number(payload);
      if (payload.trim() === '' || !Number.isFinite(w) || w < 0) return false;
      s.powerW = w;
      s.at = this.now();
      s.online = true;
    } else {
      return false;
    }
    this.seen.set(node, s);
    return true;
  }

  list(): RemoteNode[] {
    const now = this.now();
    return [...this.seen.entries()]
      .map(([node, s]) => ({ node, powerW: s.powerW, at: s.at, stale: !s.online || s.at === null || now - s.at > this.staleAfterMs }))
      .sort((a, b) => a.node.localeCompare(b.node));
  }
}
