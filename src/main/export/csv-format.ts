import type { CsvLocale, ExportResolution } from '../../shared/kiosk-contract';

export interface CsvDialect {
  separator: ',' | ';';
  decimal: '.' | ',';
  /** Excel set to French reads UTF-8 only when the file starts with a BOM. */
  bom: boolean;
  headers: { raw: readonly string[]; aggregated: readonly string[] };
}

// RFC 4180 in English; the French variant is what LibreOffice and Excel set to
// French open without a dialog: `;` between fields, a decimal comma.
export const DIALECTS: Record<CsvLocale, CsvDialect> = {
  en: {
    separator: ',',
    decimal: '.',
    bom: false,
    headers: {
      raw: ['time', 'power_W', 'current_A', 'energy_Wh', 'adc_min', 'adc_max', 'flags'],
      aggregated: ['time', 'power_W', 'current_A', 'energy_Wh', 'min_power_W', 'max_power_W', 'readings', 'flags'],
    },
  },
  fr: {
    separator: ';',
    decimal: ',',
    bom: true,
    headers: {
      raw: ['heure', 'puissance_W', 'courant_A', 'energie_Wh', 'adc_min', 'adc_max', 'alertes'],
      aggregated: ['heure', 'puissance_W', 'courant_A', 'energie_Wh', 'puissance_min_W', 'puissance_max_W', 'mesures', 'alertes'],
    },
  },
};

/** Quoted only when it must be (RFC 4180 §2.6-2.7): separator, quote, CR or LF inside. */
export function csvField(text: string, d: CsvDialect): string {
  return text.includes(d.separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvNumber(n: number, digits: number, d: CsvDialect): string {
  if (!Number.isFinite(n)) return '';
  const s = n.toFixed(digits);
  return d.decimal === '.' ? s : s.replace('.', ',');
}

/** One record, CRLF-terminated as RFC 4180 asks. */
export const csvLine = (fields: readonly string[], d: CsvDialect): string => `${fields.map((f) => csvField(f, d)).join(d.separator)}\r\n`;

export function csvHeader(resolution: ExportResolution, d: CsvDialect): string {
  return (d.bom ? '\uFEFF' : '') + csvLine(resolution === 'raw' ? d.headers.raw : d.headers.aggregated, d);
}
