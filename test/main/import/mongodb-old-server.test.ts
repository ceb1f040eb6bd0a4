import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../src/main/config/config-schema';
import { SourceError } from '../../../src/main/import/legacy-source';
import { mongodbSource } from '../../../src/main/import/mongodb-source';
import { OLD_PI_COMMAND, releaseOfWireVersion, tooOldWireVersion } from '../../../src/main/import/mongodb-version';
import { runImport } from '../../../src/main/import/run-import';
import { type OldMongod, startOldMongod } from '../../helpers/old-mongod';
import { CLI, assertBuilt } from '../../helpers/serve';
import { useTempDir } from '../../helpers/temp-dir';

const tmp = useTempDir();
let server: OldMongod | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

describe('releaseOfWireVersion()', () => {
  it.each([
    [0, '2.4 or older'],
    [2, '2.6'],
    [3, '3.0'],
    [6, '3.6'],
    [8, '4.2'],
    [42, 'wire version 42'],
  ])('names wire version %i as %s', (wire, release) => {
    expect(releaseOfWireVersion(wire)).toBe(release);
  });
});

describe('tooOldWireVersion()', () => {
  it("reads the wire version from the driver's compatibility error, and nothing from any other error", () => {
    const refused = {
      name: 'MongoCompatibilityError',
      message: 'Server at h:1 reports maximum wire version 2, but this version of the Node.js Driver requires at least 9 (MongoDB 4.4)',
    };
    expect(tooOldWireVersion(refused)).toBe(2);
    expect(tooOldWireVersion({ name: 'MongoNetworkError', message: 'reports maximum wire version 2' })).toBeNull();
    expect(tooOldWireVersion({ name: 'MongoCompatibilityError', message: 'reports minimum wire version 30' })).toBeNull();
    expect(tooOldWireVersion(null)).toBeNull();
  });
});

describe('a live import from the MongoDB the old Pi really has (2.x)', () => {
  it.each(['2.4', '2.6'] as const)('says in one line that %s is too old and gives the mongodump command, at once, writing nothing', async (version) => {
    server = await startOldMongod(version);
    const dbPath = join(tmp(), 'power.db');
    const timeoutMs = 30_000;
    const source = mongodbSource(server.url.replace('mongodb://', 'mongodb://pi:secret@'), { db: 'power', collection: 'adc', timeoutMs });
    const started = performance.now();
    const err = await runImport({ source, dbPath, config: ConfigSchema.parse({}), dryRun: false }).catch((e: unknown) => e);
    await source.close();
    // The handshake answers: no waiting out the server selection timeout.
    expect(performance.now() - started).toBeLessThan(timeoutMs / 3);
    expect(err).toBeInstanceOf(SourceError);
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain(`is ${releaseOfWireVersion(version === '2.4' ? 0 : 2)} (wire version ${version === '2.4' ? 0 : 2})`);
    expect(message).toContain('4.4 or later');
    expect(message).toContain(OLD_PI_COMMAND);
    expect(message).not.toContain('secret');
    expect(server.commands[0]?.toLowerCase()).toBe('ismaster');
  });

  it('makes the command exit non-zero with that one line on standard error', async () => {
    assertBuilt();
    server = await startOldMongod('2.4');
    const dir = tmp();
    // spawn, not spawnSync: the fake server answers from this process's event loop.
    const child = spawn(process.execPath, [CLI, 'import', 'mongodb', server.url, '--db', join(dir, 'power.db'), '--config', join(dir, 'none.json')]);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).not.toBe(0);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('2.4 or older (wire version 0)');
    expect(lines[0]).toContain(OLD_PI_COMMAND);
  });
});
