// Every number, sum of money, energy and date the screen shows goes through Intl
// in the screen's locale: "1 234,5 kWh" and "12,34 €" in French.

const cache = new Map<string, Intl.NumberFormat>();
function nf(tag: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `${tag}|${JSON.stringify(options)}`;
  let f = cache.get(k);
  if (!f) cache.set(k, (f = new Intl.NumberFormat(tag, options)));
  return f;
}

export const formatEuros = (eur: number, tag: string): string => nf(tag, { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(eur);

export function formatKwh(wh: number, tag: string): string {
  const kwh = wh / 1000;
  const digits = kwh < 10 ? 2 : kwh < 100 ? 1 : 0;
  return `${nf(tag, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(kwh)} kWh`;
}

export const formatNumber = (n: number, tag: string, maxDigits = 3): string => nf(tag, { maximumFractionDigits: maxDigits }).format(n);

export const formatInteger = (n: number, tag: string): string => nf(tag, { maximumFractionDigits: 0 }).format(n);

/** "lundi 5 janvier 2026" for a YYYY-MM-DD key, read as a calendar date (no zone shift). */
export function formatDateKey(key: string, tag: string, style: 'long' | 'short' = 'long'): string {
  const [y, m, d] = key.split('-').map(Number);
  const opts: Intl.DateTimeFormatOptions =
    style === 'long' ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' } : { day: 'numeric', month: 'short', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(tag, opts).format(Date.UTC(y!, m! - 1, d));
}

export const formatMonth = (year: number, month: number, tag: string): string =>
  new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, 1));

/** Mon..Sun initials in the locale, Monday first as in France. */
export const weekdayNames = (tag: string): string[] =>
  [5, 6, 7, 8, 9, 10, 11].map((d) => new Intl.DateTimeFormat(tag, { weekday: 'narrow', timeZone: 'UTC' }).format(Date.UTC(2026, 0, d)));
