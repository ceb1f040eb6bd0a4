// The Pi has no real-time clock: it boots on the time saved at the last clean
// shutdown, then NTP moves the wall clock forwards (sometimes backwards). Readings
// are stamped with the wall clock, but never at or before the previous stamp: when
// the wall clock goes back a little, stamps carry on along the monotonic clock
// until it catches up, so no two readings share an instant. When it stays behind
// for longer than `maxHoldMs`, the earlier stamps were the wrong ones (the clock
// had been ahead, and now it is right): stamps return to the wall clock, and the
// storage skips minutes that already hold readings (rewind-guard.ts), so nothing
// is counted twice. Every jump is logged.

export interface Stamp {
  /** Wall-clock time for the reading, epoch ms, strictly increasing. */
  t: number;
  /** Monotonic ms, for the interval to the next reading. */
  mono: number;
}

export class TimelineStamper {
  private last: { t: number; mono: number | null } | null;
  /** Monotonic time the hold began, null when stamping by the wall clock. */
  private heldSince: number | null = null;
  private holdLogged = false;

  /**
   * @param lastT the last stamp already stored (a previous run), so that a boot on a
   *   clock behind the database does not write into the past.
   * @param jumpMs how far the wall clock may stray from the monotonic clock between two readings before it counts as a jump.
   * @param maxHoldMs how long stamps may run ahead of a wall clock that went back before the wall clock is believed again.
   */
  constructor(
    lastT: number | null,
    private readonly log: (line: string) => void,
    private readonly jumpMs = 2000,
    private readonly maxHoldMs = 30_000,
  ) {
    this.last = lastT === null ? null : { t: lastT, mono: null };
  }

  stamp(wall: number, mono: number): Stamp {
    const w = Math.round(wall);
    const prev = this.last;
    if (prev === null) return this.keep(w, mono);
    const elapsed = prev.mono === null ? null : mono - prev.mono;
    if (elapsed !== null && this.heldSince === null) {
      const drift = w - (prev.t + elapsed);
      if (Math.abs(drift) > this.jumpMs) this.log(`clock: wall clock jumped ${drift > 0 ? 'forward' : 'back'} by ${(Math.abs(drift) / 1000).toFixed(1)} s`);
    }
    if (w > prev.t) {
      if (this.holdLogged) this.log(`clock: wall clock caught up; stamping by it again`);
      this.heldSince = null;
      this.holdLogged = false;
      return this.keep(w, mono);
    }
    // Two windows in the same millisecond are no news; a clock behind the stamps is.
    const behindMs = prev.t - w;
    if (this.heldSince === null) {
      this.heldSince = mono;
      this.holdLogged = behindMs > this.jumpMs;
      if (this.holdLogged) {
        this.log(
          `clock: wall clock ${new Date(w).toISOString()} is behind the last reading ${new Date(prev.t).toISOString()}: stamping by the monotonic clock for up to ${this.maxHoldMs / 1000} s`,
        );
      }
    } else if (mono - this.heldSince > this.maxHoldMs) {
      this.log(
        `clock: wall clock still ${(behindMs / 1000).toFixed(1)} s behind the readings after ${this.maxHoldMs / 1000} s: it is right and they were ahead; stamping by it again (minutes already stored keep their readings)`,
      );
      this.heldSince = null;
      this.holdLogged = false;
      return this.keep(w, mono);
    }
    return this.keep(prev.t + Math.max(1, Math.round(elapsed ?? 1)), mono);
  }

  private keep(t: number, mono: number): Stamp {
    this.last = { t, mono };
    return { t, mono };
  }
}
