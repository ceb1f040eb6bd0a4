import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootstrap } from '../../../src/main/core/bootstrap';
import { useTempDir } from '../../helpers/temp-dir';

const tmp = useTempDir();

describe('bootstrap()', () => {
  it('starts on every default with the problem to show when the config file does not validate, and leaves the file as it is', () => {
    const file = join(tmp(), 'config.json');
    writeFileSync(file, '{ "timeZone": "Mars/Olympus", "storage": { "path": "/elsewhere/power.db" } }');
    const started = bootstrap(file, join(tmp(), 'flag.db'));
    expect(started.problem).toMatch(/invalid config .*config\.json: .*timeZone.*running on the defaults/);
    expect(started.config.timeZone).toBe('Europe/Paris');
    expect(started.dbPath).toMatch(/flag\.db$/);
    expect(readFileSync(file, 'utf8')).toContain('Mars/Olympus');
  });

  it('takes the database from the config file when no --db is given', () => {
    const file = join(tmp(), 'config.json');
    writeFileSync(file, JSON.stringify({ storage: { path: '/data/power.db' } }));
    expect(bootstrap(file, undefined)).toMatchObject({ problem: null, dbPath: '/data/power.db' });
  });
});
