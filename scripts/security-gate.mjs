// Pure helpers of `npm run security`: electronegativity findings to a CSV report
// and a verdict. Kept apart from the runner so tests feed them any findings.

/** Severities as electronegativity ranks them (finder/attributes.js). */
export const SEVERITY_RANK = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };

/**
 * @typedef {{ id: string, severity: string, confidence: string, file: string, line: number, column: number, description: string, manualReview: boolean }} Finding
 */

/** @param {string} v */
const csvField = (v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export const CSV_HEADER = 'target,issue,severity,confidence,file,location,manual_review,description';

/**
 * @param {string} target
 * @param {readonly Finding[]} findings
 * @returns {string[]}
 */
export function toCsvRows(target, findings) {
  return findings.map((f) => [target, f.id, f.severity, f.confidence, f.file, `${f.line}:${f.column}`, String(f.manualReview), f.description].map(csvField).join(','));
}

/**
 * Splits CSV text (RFC 4180: quoted fields, doubled quotes, commas and newlines inside quotes).
 * @param {string} text
 * @returns {string[][]}
 */
export function parseCsv(text) {
  /** @type {string[][]} */
  const rows = [];
  /** @type {string[]} */
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

/**
 * Reads the report back and decides: every row at or above the threshold fails the gate.
 * An unknown severity fails too, so a renamed level cannot slip through.
 * @param {string} csv
 * @param {keyof typeof SEVERITY_RANK} threshold
 */
export function judgeReport(csv, threshold = 'MEDIUM') {
  const [header, ...rows] = parseCsv(csv).filter((r) => r.length > 1 || r[0] !== '');
  if (!header || header.join(',') !== CSV_HEADER) throw new Error(`not a security report: header is "${header?.join(',')}"`);
  const col = (/** @type {string} */ name) => header.indexOf(name);
  /** @type {Record<string, number>} */
  const bySeverity = {};
  /** @type {string[][]} */
  const failing = [];
  for (const r of rows) {
    const sev = r[col('severity')] ?? '';
    bySeverity[sev] = (bySeverity[sev] ?? 0) + 1;
    const rank = /** @type {Record<string, number>} */ (SEVERITY_RANK)[sev];
    if (rank === undefined || rank >= SEVERITY_RANK[threshold]) failing.push(r);
  }
  return { total: rows.length, bySeverity, failing };
}
