import type { Checked } from './legacy-record';

/** Where an import stands in its source: enough to resume there after a kill. */
type ResumePoint = string;

/** A run of records in source order, and the point just after the last of them. */
export interface SourceBatch {
  /** The records as the source gives them: documents, or a table's rows as arrays. */
  docs: readonly unknown[];
  /** Checks and converts record `index` (see legacy-record). */
  check: (index: number, nowMs: number) => Checked;
  /** A record's place in the source, for the report ("rowid 42", "byte 1234"); asked only of skipped ones. */
  positionOf: (index: number) => string;
  /** Records the source could not even decode (a corrupt or truncated BSON document). */
  unreadable: { position: string; detail: string }[];
  resumeAt: ResumePoint;
  /** Progress in the source's own unit (records or bytes), after this batch. */
  done: number;
}

/** An old store to import from: the power.db, a mongodump file, or a live MongoDB. */
export interface LegacySource {
  /** For messages: a path or a URL without credentials. */
  readonly label: string;
  /** Names the same source again on a re-run (kind, place, size), so a killed import resumes. */
  readonly identity: string;
  /** What progress counts, and how much there is (null: unknown). */
  total: () => Promise<{ unit: 'records' | 'bytes'; value: number | null }>;
  // A source read synchronously (SQLite) yields a plain iterable; `for await` takes both.
  batches: (resumeAt: ResumePoint | null, size: number) => AsyncIterable<SourceBatch> | Iterable<SourceBatch>;
  close: () => Promise<void>;
}

/** The source cannot be read at all (not an old power.db, not a dump, server down): one clear line. */
export class SourceError extends Error {}
