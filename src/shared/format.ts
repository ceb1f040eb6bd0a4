export interface FormattedPower {
  value: string;
  unit: 'W' | 'kW';
}

/** Watts below 1 kW, kilowatts with two decimals above, as the old dashboard printed. */
export function formatPower(watts: number, locale = 'fr-FR'): FormattedPower {
  if (!Number.isFinite(watts)) return { value: '–', unit: 'W' };
  if (Math.abs(watts) < 1000) {
    return { value: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(watts), unit: 'W' };
  }
  const kw = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return { value: kw.format(watts / 1000), unit: 'kW' };
}

/** "3 s", "2 min", "1 h": how old the last reading is. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  return `${Math.floor(s / 3600)} h`;
}
