import { describe, expect, it } from 'vitest';
import { dictionaries } from '../../src/renderer/i18n';
import { storageNotice } from '../../src/renderer/storage-notice';

const failing = {
  state: 'failing' as const,
  cause: 'disk_full' as const,
  message: 'disk full: /data/power.db cannot grow (12.5 MB free in /data)',
  fix: 'free space in /data, or lower storage.retentionDays',
  since: Date.UTC(2026, 0, 5, 9),
  pending: 12_345,
  firstLossAt: Date.UTC(2026, 0, 5, 21, 30),
  dropped: 0,
};

describe('storageNotice()', () => {
  it('says nothing while writes succeed', () => {
    expect(storageNotice({ state: 'ok' }, dictionaries.fr, 'fr-FR', 'Europe/Paris')).toBeNull();
  });

  it('gives the cause, the fix, the readings waiting and when the first is lost, in local time', () => {
    const fr = storageNotice(failing, dictionaries.fr, 'fr-FR', 'Europe/Paris')!;
    expect(fr).toContain('12.5 MB free in /data');
    expect(fr).toContain('free space in /data');
    expect(fr).toMatch(/12\s345 mesures en attente/);
    expect(fr).toMatch(/première perdue le 5 janv\.? ?,? 22:30/);
    const en = storageNotice({ ...failing, dropped: 40 }, dictionaries.en, 'en-GB', 'Europe/Paris')!;
    expect(en).toMatch(/12,345 readings waiting/);
    expect(en).toMatch(/first lost on 5 Jan,? 22:30/);
    expect(en).toContain('40 already lost');
  });
});
