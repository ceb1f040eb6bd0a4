import { describe, expect, it } from 'vitest';
import { diagnoseSpi } from '../../../src/main/kiosk/spi-access';
import { containing } from '../../helpers/matchers';

const probe = (accessError: string | null, groups: string[] | null) => ({ device: '/dev/spidev0.0', user: 'pi', accessError, groups });

describe('diagnoseSpi()', () => {
  it('is ok when the device opens', () => {
    expect(diagnoseSpi(probe(null, ['pi', 'spi']))).toEqual({ ok: true, message: '/dev/spidev0.0 is ready for pi' });
  });

  it('says SPI is off and how to enable it on ENOENT', () => {
    const v = diagnoseSpi(probe('ENOENT', ['pi']));
    expect(v).toMatchObject({ ok: false, code: 'ENOENT', message: containing('SPI is not enabled') });
    expect(!v.ok && v.fix).toMatch(/raspi-config nonint do_spi 0.*dtparam=spi=on/);
  });

  it('gives the adduser command on EACCES when the user is not in the spi group', () => {
    const v = diagnoseSpi(probe('EACCES', ['pi', 'video']));
    expect(v).toMatchObject({ ok: false, code: 'EACCES', message: containing('pi is not in the spi group') });
    expect(!v.ok && v.fix).toBe('sudo adduser pi spi, then log out and in again');
  });

  it('says to log in again when the user was just added to spi', () => {
    const v = diagnoseSpi(probe('EACCES', ['pi', 'spi']));
    expect(!v.ok && v.fix).toMatch(/^log out and in again/);
  });

  it('treats unknown groups as not a member', () => {
    expect(diagnoseSpi(probe('EPERM', null))).toMatchObject({ code: 'EPERM', fix: containing('adduser pi spi') });
  });
});
