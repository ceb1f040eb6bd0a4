import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Served, startServe } from '../../helpers/serve';
import { useTempDir } from '../../helpers/temp-dir';

const tmp = useTempDir();
let served: Served | null = null;
afterEach(async () => {
  await served?.stop();
  served = null;
});

describe('corcy-power serve', () => {
  it('runs on the defaults with a config file that does not validate, shows why, and leaves the file as it is', async () => {
    const dir = tmp();
    const config = join(dir, 'config.json');
    const text = '{ "display": { "gaugeMaxW": -5 }, "timeZone": "Mars/Olympus" }\n';
    writeFileSync(config, text);
    served = await startServe(['--source', 'simulated', '--db', join(dir, 'power.db'), '--config', config]);
    expect(served.output()).toMatch(/invalid config .*config\.json: .*gaugeMaxW.*running on the defaults/);
    const status = (await (await fetch(`${served.url}/api/status`)).json()) as { notice: string; display: { gaugeMaxW: number; timeZone: string } };
    expect(status.notice).toMatch(/invalid config .*gaugeMaxW/);
    expect(status.display).toMatchObject({ gaugeMaxW: 10_000, timeZone: 'Europe/Paris' });
    const settings = (await (await fetch(`${served.url}/api/settings`)).json()) as { fileProblems: string[] };
    expect(settings.fileProblems.join(' ')).toMatch(/gaugeMaxW/);
    expect(readFileSync(config, 'utf8')).toBe(text);
  });
});
