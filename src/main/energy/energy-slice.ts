/** Energy drawn over [start, end), epoch ms. Raw readings and minute rollups both give these. */
export interface EnergySlice {
  start: number;
  end: number;
  wh: number;
}
