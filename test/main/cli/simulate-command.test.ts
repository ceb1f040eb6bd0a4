import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/main/cli/commands';
import { runCli } from '../../../src/main/cli/run-cli';
import { openDatabase } from '../../../src/main/storage/database';
import { startOfDate } from '../../../src/shared/local-time';
import { useTempDir } from '../../helpers/temp-dir';

const tmp = useTempDir();

describe('corcy-power simulate', () => {
  it('reads bare --from and --to dates as local days of the configured zone, the --to day included', async () => {
    const dir = tmp();
    const db = join(dir, 'power.db');
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ storage: { retentionDays: 36_500 } }));
    const code = await runCli(['simulate', '--from', '2026-03-01', '--to', '2026-03-01', '--no-outages', '--db', db, '--config', config], COMMANDS, () => undefined);
    expect(code).toBe(0);
    const reader = openDatabase(db, { readonly: true });
    const { first, last } = reader.prepare('SELECT min(k) / 8 AS first, max(k) / 8 AS last FROM reading').get() as { first: number; last: number };
    reader.close();
    // Paris midnight is 23:00 UTC the day before; the first window ends one window after it.
    expect(first).toBe(startOfDate('2026-03-01', 'Europe/Paris') + 500);
    expect(last).toBe(startOfDate('2026-03-02', 'Europe/Paris'));
  });
});
