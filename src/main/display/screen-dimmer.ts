import { localParts } from '../../shared/local-time';
import type { Brightness } from '../../shared/settings-schema';
import type { Backlight } from './backlight';
import { brightnessAt } from './brightness-schedule';

export interface ScreenDimmerOptions {
  backlight: Backlight | null;
  brightness: () => Brightness;
  timeZone: () => string;
  now: () => number;
  log: (line: string) => void;
  /** The screen went dim or came back: the page stops drawing what nobody sees. */
  onDimmedChange?: (dimmed: boolean) => void;
}

/** Applies the schedule every 30 s, and full brightness at once on a touch. */
export class ScreenDimmer {
  private touchedAt = -Infinity;
  private timer: NodeJS.Timeout | null = null;
  private lastLevel: number | null = null;
  private failed = false;

  constructor(private readonly options: ScreenDimmerOptions) {}

  start(): void {
    if (!this.options.backlight) {
      this.options.log('screen: no writable backlight under /sys/class/backlight, brightness schedule off');
      return;
    }
    this.apply();
    this.timer = setInterval(() => this.apply(), 30_000);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** A touch on the screen: full brightness for wakeSeconds. Returns the level set, or null without a backlight. */
  wake(): number | null {
    this.touchedAt = this.options.now();
    return this.apply();
  }

  /** Set below the day level (the night schedule), and so hardly seen. */
  get dimmed(): boolean {
    return this.lastLevel !== null && this.lastLevel < this.options.brightness().dayLevel;
  }

  apply(): number | null {
    const bl = this.options.backlight;
    if (!bl) return null;
    const b = this.options.brightness();
    const p = localParts(this.options.now(), this.options.timeZone());
    const level = brightnessAt(p.hour * 60 + p.minute, b, this.options.now() - this.touchedAt < b.wakeSeconds * 1000);
    if (level === this.lastLevel) return level;
    try {
      bl.set(level);
      const was = this.dimmed;
      this.lastLevel = level;
      this.failed = false;
      if (this.dimmed !== was) this.options.onDimmedChange?.(this.dimmed);
    } catch (err) {
      if (!this.failed) this.options.log(`screen: cannot set ${bl.name} brightness: ${(err as Error).message}`);
      this.failed = true;
    }
    return level;
  }
}
