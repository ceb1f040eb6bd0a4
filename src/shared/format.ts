export interface FormattedPower {
  value: string;
  unit: 'W' | 'kW';
}

// Building an Intl.NumberFormat loads ICU data: far dearer than formatting, and
// the gauge formats twice a second. One pair per locale is kept.
const powerFormats = new Map<string, { w: Intl.NumberFormat; kw: Intl.NumberFormat }>();

function powerFormatsFor(locale: string): { w: Intl.NumberFormat; kw: Intl.NumberFormat } {
  let f = powerFormats.get(locale);
  if (!f) {
    f = {
      w: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
      kw: new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    };
    powerFormats.set(locale, f);
  }
  return f;
}

/** Watts below 1 kW, kilowatts with two decimals above, as the old dashboard printed. */
export function formatPower(watts: number, locale = 'fr-FR'): FormattedPower {
  if (!Number.isFinite(watts)) return { value: '–', unit: 'W' };
  const f = powerFormatsFor(locale);
  if (Math.abs(watts) < 1000) return { value: f.w.format(watts), unit: 'W' };
  return { value: f.kw.format(watts / 1000), unit: 'kW' };
}

/** "3 s", "2 min", "1 h": how old the last reading is. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  return `${Math.floor(s / 3600)} h`;
}
