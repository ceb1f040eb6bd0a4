/**
 * The live chart's data: parallel arrays that never grow past `cap`, appended in
 * time order only. A kiosk that runs for months holds the same few thousand
 * points on its first day and its last.
 */
export class BoundedSeries {
  readonly t: number[] = [];
  readonly y: number[] = [];

  constructor(readonly cap: number) {}

  /** Adds a point unless it is not newer than the last one; returns whether it did. */
  push(t: number, y: number): boolean {
    const last = this.t[this.t.length - 1];
    if (last !== undefined && t <= last) return false;
    this.t.push(t);
    this.y.push(y);
    if (this.t.length > this.cap) {
      const drop = this.t.length - this.cap;
      this.t.splice(0, drop);
      this.y.splice(0, drop);
    }
    return true;
  }

  get length(): number {
    return this.t.length;
  }

  get lastT(): number | undefined {
    return this.t[this.t.length - 1];
  }
}
