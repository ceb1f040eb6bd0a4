/** What the system says about /dev/spidevB.D (stat/access) and the user's groups. */
export interface SpiProbe {
  device: string;
  user: string;
  /** null when the device opens for read and write; else the errno code. */
  accessError: string | null;
  /** The user's groups; null when unknown. */
  groups: readonly string[] | null;
}

export type SpiVerdict = { ok: true; message: string } | { ok: false; code: string; message: string; fix: string };

/** Turns a probe into a sentence and the command that fixes it. Pure. */
export function diagnoseSpi(p: SpiProbe): SpiVerdict {
  const inSpi = p.groups?.includes('spi') ?? null;
  if (p.accessError === null) return { ok: true, message: `${p.device} is ready for ${p.user}` };
  switch (p.accessError) {
    case 'ENOENT':
      return {
        ok: false,
        code: 'ENOENT',
        message: `${p.device} does not exist: SPI is not enabled`,
        fix: 'sudo raspi-config nonint do_spi 0 (or add dtparam=spi=on to /boot/firmware/config.txt), then reboot',
      };
    case 'EACCES':
    case 'EPERM':
      return inSpi
        ? {
            ok: false,
            code: p.accessError,
            message: `${p.device}: permission denied, although ${p.user} is in the spi group`,
            fix: `log out and in again (or reboot) so the new group applies; check ls -l ${p.device} shows group spi`,
          }
        : {
            ok: false,
            code: p.accessError,
            message: `${p.device}: permission denied: ${p.user} is not in the spi group`,
            fix: `sudo adduser ${p.user} spi, then log out and in again`,
          };
    default:
      return { ok: false, code: p.accessError, message: `${p.device}: ${p.accessError}`, fix: 'check the board and the SPI wiring (docs/pi-setup.md)' };
  }
}
