import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export interface PinHash {
  algorithm: 'scrypt';
  salt: string;
  hash: string;
}

// scrypt's defaults (N = 16384) take ~50 ms on a Pi 3: slow enough to make a
// stolen config file costly to brute-force, fast enough for a finger on a keypad.
const hashWith = (pin: string, salt: Buffer): Buffer => scryptSync(pin.normalize('NFKC'), salt, 32);

export function hashPin(pin: string): PinHash {
  const salt = randomBytes(16);
  return { algorithm: 'scrypt', salt: salt.toString('hex'), hash: hashWith(pin, salt).toString('hex') };
}

function pinMatches(pin: string, stored: PinHash): boolean {
  const expected = Buffer.from(stored.hash, 'hex');
  const got = hashWith(pin, Buffer.from(stored.salt, 'hex'));
  return expected.length === got.length && timingSafeEqual(expected, got);
}

/**
 * Four digits are 10,000 guesses: after a few wrong ones the gate closes for a
 * while, longer each time, so a child tapping away never gets through.
 */
export class PinGate {
  private failures = 0;
  private lockedUntil = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly freeTries = 5,
    private readonly lockMs = 60_000,
  ) {}

  /** Seconds until another try is allowed, or 0. */
  waitSeconds(): number {
    return Math.max(0, Math.ceil((this.lockedUntil - this.now()) / 1000));
  }

  check(pin: string, stored: PinHash | undefined): { ok: boolean; waitSeconds: number } {
    if (!stored) return { ok: true, waitSeconds: 0 };
    if (this.waitSeconds() > 0) return { ok: false, waitSeconds: this.waitSeconds() };
    if (pinMatches(pin, stored)) {
      this.failures = 0;
      return { ok: true, waitSeconds: 0 };
    }
    this.failures++;
    if (this.failures >= this.freeTries) {
      this.lockedUntil = this.now() + this.lockMs * 2 ** (this.failures - this.freeTries);
    }
    return { ok: false, waitSeconds: this.waitSeconds() };
  }
}
