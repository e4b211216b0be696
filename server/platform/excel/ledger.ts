// Ledgers (台账) as county offices keep them: title rows above the header, header cells merged over two rows
// (e.g. "1-10月完成投资" over "万元"), a unit note ("单位：亿元"), any column order, extra columns, blank rows,
// section rows ("一、产业项目") and a 合计 row. readLedger finds the header, matches columns by their customary names,
// notes each amount column's unit (万元/亿元) and returns the data rows as text. Existing readTable callers are untouched.
import ExcelJS from 'exceljs';
import { Invalid } from '../errors.js';
import { cellText } from './excel.js';

export type MoneyUnit = '万元' | '亿元' | '元';
export interface LedgerColumn<K extends string = string> {
  key: K;
  /** Customary header texts (compared without spaces, brackets and unit words); a RegExp matches the normalised text. */
  headers: (string | RegExp)[];
  required?: boolean;
  /** An amount column: its unit is read from the header (or the sheet's unit note); default 万元. */
  money?: boolean;
}
export interface LedgerRow<K extends string> { row: number; values: Partial<Record<K, string>> }
export interface Ledger<K extends string> {
  headerRow: number; headerRows: 1 | 2; rows: LedgerRow<K>[];
  /** The unit of each amount column found. */
  units: Partial<Record<K, MoneyUnit>>;
  /** Header text of each matched column, as written. */
  headerText: Partial<Record<K, string>>;
  /** Rows left out as totals (合计/总计/小计) or section titles. */
  skipped: number[];
  /** The text of the title rows above the header (e.g. "某县2026年重大项目推进台账"), cells joined by spaces. */
  titleText: string;
}

const UNIT_RE = /(亿元|万元|元)/;
export const normHeader = (s: string) => s.replace(/[\s\u3000*＊:：()（）［］【】\[\]、/／]/g, '').replace(/单位/g, '').replace(/(亿元|万元|元)$/g, '').toLowerCase();

function matches<K extends string>(c: LedgerColumn<K>, text: string): boolean {
  const t = normHeader(text);
  if (!t) return false;
  return c.headers.some((h) => (typeof h === 'string' ? normHeader(h) === t : h.test(t)));
}

const TOTAL_RE = /^(合计|总计|小计|共计|累计合计)$/;
const SECTION_RE = /^[一二三四五六七八九十]+[、.．]/;

export async function readLedger<K extends string>(buffer: Buffer, spec: LedgerColumn<K>[], opts: { scanRows?: number; maxRows?: number } = {}): Promise<Ledger<K>> {
  const wb = new ExcelJS.Workbook();
  try { await wb.xlsx.load(buffer as any); } catch { throw new Invalid({ field: 'file', code: 'import.notXlsx' }, 'import.notXlsx'); }
  const ws = wb.worksheets.find((w) => w.rowCount > 0) ?? wb.worksheets[0];
  if (!ws) throw new Invalid({ field: 'file', code: 'import.noSheet' }, 'import.noSheet');
  const width = Math.max(ws.columnCount, 1);
  const text = (r: number, c: number) => cellText(ws.getRow(r).getCell(c).value).trim();
  const scan = Math.min(ws.rowCount, opts.scanRows ?? 12);

  // For each candidate header row: which columns match, reading one row or the row and the one below it.
  let best: { r: number; two: boolean; found: Partial<Record<K, number>>; texts: Partial<Record<K, string>>; score: number } | null = null;
  for (let r = 1; r <= scan; r++) {
    for (const two of [false, true]) {
      if (two && r + 1 > ws.rowCount) continue;
      const found: Partial<Record<K, number>> = {};
      const texts: Partial<Record<K, string>> = {};
      for (let c = 1; c <= width; c++) {
        const top = text(r, c);
        const below = two ? text(r + 1, c) : '';
        // Candidates, most specific first: the lower cell, the two together, the upper cell (a vertical merge repeats it).
        const cands = two ? [below, top + below, top] : [top];
        for (const s of spec) {
          if (found[s.key] !== undefined) continue;
          const hit = cands.find((t) => t && matches(s, t));
          if (hit !== undefined) { found[s.key] = c; texts[s.key] = two && top !== below && below ? `${top}${below}` : hit; break; }
        }
      }
      const req = spec.filter((s) => s.required && found[s.key] !== undefined).length;
      const score = req * 1000 + Object.keys(found).length * 10 - (two ? 1 : 0);
      if (!best || score > best.score) best = { r, two, found, texts, score };
    }
  }
  const missing = spec.filter((s) => s.required && best?.found[s.key] === undefined);
  if (!best || missing.length) {
    const names = (missing.length ? missing : spec.filter((s) => s.required)).map((s) => String(s.headers.find((h) => typeof h === 'string') ?? s.key)).join('、');
    throw new Invalid({ field: 'file', code: 'import.missingColumn', params: { columns: names } }, 'import.missingColumn', { columns: names });
  }
  // Two header rows when the row below is header material only (a vertical merge, a unit word, a matched name), whichever reading matched.
  let two = best.r + 1 <= ws.rowCount;
  if (two) {
    const r2 = best.r + 1;
    let headerLike = false;
    let dataLike = false;
    for (let c = 1; c <= width; c++) {
      const cell = ws.getRow(r2).getCell(c);
      const t = text(r2, c);
      if (!t) continue;
      if (cell.isMerged && Number(cell.master.row) !== r2) { headerLike = true; continue; }
      if (UNIT_RE.test(t) && t.length <= 6) { headerLike = true; continue; }
      if (spec.some((s) => matches(s, t))) { headerLike = true; continue; }
      dataLike = true;
    }
    two = headerLike && !dataLike;
  }
  const found = best.found;
  // The sheet's unit note ("单位：亿元") in the title rows applies to amount columns that do not say their own.
  let sheetUnit: MoneyUnit | null = null;
  const titles: string[] = [];
  for (let r = 1; r < best.r; r++) for (let c = 1; c <= width; c++) {
    const t = text(r, c);
    const m = t.match(/单位[:：]\s*(亿元|万元|元)/);
    if (m) sheetUnit = m[1] as MoneyUnit;
    if (t && titles[titles.length - 1] !== t) titles.push(t); // a merged title repeats in every cell it spans
  }
  const units: Partial<Record<K, MoneyUnit>> = {};
  const headerText: Partial<Record<K, string>> = {};
  for (const s of spec) {
    const c = found[s.key];
    if (c === undefined) continue;
    const full = two ? `${text(best.r, c)}${text(best.r + 1, c) !== text(best.r, c) ? text(best.r + 1, c) : ''}` : text(best.r, c);
    headerText[s.key] = full;
    if (s.money) units[s.key] = (full.match(UNIT_RE)?.[1] as MoneyUnit | undefined) ?? sheetUnit ?? '万元';
  }
  const first = best.r + (two ? 2 : 1);
  const rows: LedgerRow<K>[] = [];
  const skipped: number[] = [];
  const last = ws.rowCount;
  // The limit counts project rows: a ledger's blank lines, section and 合计 rows come on top of it.
  const tooMany = () => new Invalid({ field: 'file', code: 'task.import.tooManyRows', params: { limit: opts.maxRows } }, 'task.import.tooManyRows', { limit: opts.maxRows });
  if (opts.maxRows && last - first + 1 > opts.maxRows * 2) throw tooMany();
  for (let r = first; r <= last; r++) {
    const row = ws.getRow(r);
    if (!row.hasValues) continue;
    const values: Partial<Record<K, string>> = {};
    let any = false;
    for (const s of spec) {
      const c = found[s.key];
      if (c === undefined) continue;
      const t = cellText(row.getCell(c).value).trim();
      if (t) { values[s.key] = t; any = true; }
    }
    if (!any) continue;
    // A total row says 合计 somewhere in its first cells; a section row is "一、…" with no amounts.
    let total = false;
    for (let c = 1; c <= Math.min(width, 4); c++) if (TOTAL_RE.test(normHeader(cellText(row.getCell(c).value)))) total = true;
    const filled = Object.keys(values).length;
    const section = filled <= 2 && Object.values(values).some((v) => SECTION_RE.test(String(v)) && !/\d{4}/.test(String(v)));
    if (total || section) { skipped.push(r); continue; }
    rows.push({ row: r, values });
    if (opts.maxRows && rows.length > opts.maxRows) throw tooMany();
  }
  if (!rows.length) throw new Invalid({ field: 'file', code: 'import.empty' }, 'import.empty');
  return { headerRow: best.r, headerRows: two ? 2 : 1, rows, units, headerText, skipped, titleText: titles.join(' ') };
}

/** An amount cell in the column's unit → 万元 (null when not a number). "1,200.5" and "1200万" are read. */
export function toWan(text: string, unit: MoneyUnit | undefined): number | null {
  const t = text.replace(/[,，\s]/g, '').replace(/(亿元|万元|元|亿|万)$/, '');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  const suffix = text.trim().match(/(亿|万)元?$/)?.[1];
  const u = suffix === '亿' ? '亿元' : suffix === '万' ? '万元' : unit ?? '万元';
  const v = u === '亿元' ? n * 10000 : u === '元' ? n / 10000 : n;
  return Math.round(v * 10000) / 10000;
}

/** A date as counties write it → YYYY-MM-DD: 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, 2026.3 / 2026年3月 (the 1st), an Excel serial. */
export function toIsoDate(text: string): string | null {
  const t = text.trim();
  let m = t.match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/);
  if (!m) { const mm = t.match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/); if (mm) m = [mm[0], mm[1], mm[2], '1']; }
  if (!m && /^\d{5}(\.\d+)?$/.test(t)) {
    const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(t)) * 86_400_000);
    return d.toISOString().slice(0, 10);
  }
  if (!m && /^\d{4}-\d{2}-\d{2}T/.test(t)) return t.slice(0, 10);
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}
