import { EJSON, type ObjectId } from 'bson';
import { MongoClient } from 'mongodb';
import { checkRecord } from './legacy-record';
import { type LegacySource, type SourceBatch, SourceError } from './legacy-source';
import { redactedUrl } from './mongodb-url';
import { tooOldMessage, tooOldWireVersion } from './mongodb-version';

/** A legacy record as stored: its _id an ObjectId, a number or a string, its fields checked later. */
type LegacyDocument = { _id: ObjectId | number | string } & Record<string, unknown>;

export interface MongoOptions {
  db: string;
  collection: string;
  /** ms to wait for the server: a saturated instance that never answers must not hang the import. */
  timeoutMs?: number;
}

/**
 * What total() and batches() await before reading. The handshake tells the server's wire version at
 * once; without listening for it the driver would retry a server too old for it
 * until serverSelectionTimeoutMS.
 */
function connector(client: MongoClient, url: string): () => Promise<void> {
  let tooOld: SourceError | null = null;
  const refusedAsOld = new Promise<never>((_, reject) => {
    client.on('serverDescriptionChanged', ({ newDescription }) => {
      const wire = tooOldWireVersion(newDescription.error);
      if (wire !== null && tooOld === null) reject((tooOld = new SourceError(tooOldMessage(url, wire))));
    });
  });
  refusedAsOld.catch(() => undefined);
  return async (): Promise<void> => {
    try {
      await Promise.race([client.connect(), refusedAsOld]);
    } catch (e) {
      if (tooOld) throw tooOld;
      throw new SourceError(`cannot reach MongoDB at ${redactedUrl(url)}: ${(e as Error).message}`);
    }
  };
}

/**
 * A live MongoDB, read with a cursor in _id order (the index every collection
 * has), never whole: a resume continues after the last _id committed. Documents
 * come back from the driver as the BSON dump's do, so both share every check.
 */
export function mongodbSource(url: string, options: MongoOptions): LegacySource {
  const label = `${redactedUrl(url)} ${options.db}.${options.collection}`;
  const timeout = options.timeoutMs ?? 10_000;
  let client: MongoClient;
  try {
    client = new MongoClient(url, { serverSelectionTimeoutMS: timeout, connectTimeoutMS: timeout, appName: 'corcy-power-import' });
  } catch (e) {
    throw new SourceError(`invalid MongoDB URL ${redactedUrl(url)}: ${(e as Error).message}`);
  }
  const collection = () => client.db(options.db).collection<LegacyDocument>(options.collection);
  const connected = connector(client, url);
  return {
    label,
    identity: `mongodb:${label}`,
    async total() {
      await connected();
      return { unit: 'records', value: await collection().estimatedDocumentCount() };
    },
    async *batches(resumeAt, size): AsyncIterable<SourceBatch> {
      await connected();
      // EJSON keeps the _id's type (ObjectId, number, string) across a restart.
      // The resume point is an _id this import wrote with EJSON.stringify, so it parses back to an _id.
      const filter = resumeAt === null ? {} : { _id: { $gt: EJSON.parse(resumeAt, { relaxed: false }) as LegacyDocument['_id'] } };
      const cursor = collection().find(filter, { sort: { _id: 1 }, batchSize: Math.min(size, 10_000) });
      let docs: Record<string, unknown>[] = [];
      let done = 0;
      const cut = (): SourceBatch => {
        const batch = docs;
        const last = batch[batch.length - 1]!._id;
        docs = [];
        return {
          docs: batch,
          check: (i, now) => checkRecord(batch[i]!, now),
          positionOf: (i) => `_id ${String(batch[i]!._id)}`,
          unreadable: [],
          resumeAt: EJSON.stringify(last, { relaxed: false }),
          done,
        };
      };
      try {
        for await (const doc of cursor) {
          docs.push(doc);
          done++;
          if (docs.length >= size) yield cut();
        }
      } catch (e) {
        // The server went away mid-import: what was committed stays, a re-run resumes.
        throw new SourceError(`MongoDB at ${redactedUrl(url)} failed while reading: ${(e as Error).message}`);
      } finally {
        await cursor.close();
      }
      if (docs.length > 0) yield cut();
    },
    async close() {
      await client.close();
    },
  };
}
