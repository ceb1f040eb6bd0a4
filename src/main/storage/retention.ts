import type Database from 'better-sqlite3';
import { keyTime, rowKey } from './reading-codec';
import { TEN_S_MS } from './rollup-levels';

/**
 * Deletes raw readings past retention a few thousand at a time, oldest first, in
 * its own short transaction: a backlog (a first start after months, a shorter
 * retention) is worked off over many flushes instead of one long lock that would
 * hold up acquisition. Rollups are kept.
 */
export class RawRetention {
  private readonly edge: Database.Statement<[number], { k: number }>;
  private readonly del: Database.Statement<[number]>;
  private readonly delTenS: Database.Statement<[number]>;

  constructor(db: Database.Database) {
    this.edge = db.prepare('SELECT k FROM reading ORDER BY k LIMIT 1 OFFSET ?');
    this.del = db.prepare('DELETE FROM reading WHERE k < ?');
    this.delTenS = db.prepare('DELETE FROM rollup_10s WHERE b < ?');
  }

  /** Deletes at most `maxRows` rows older than `before` (epoch ms); returns how many went. */
  step(before: number, maxRows: number): number {
    const limitKey = rowKey(before, 0);
    const nth = this.edge.get(maxRows);
    const upTo = nth === undefined ? limitKey : Math.min(limitKey, nth.k);
    // The 10 s rollups live as long as the raw rows they summarise.
    this.delTenS.run(Math.floor(keyTime(upTo) / TEN_S_MS));
    return this.del.run(upTo).changes;
  }
}
