// Excel in and out (exceljs). Reading finds the header row by the customary Chinese names of the columns,
// in any order, with title rows above it; writing produces a sheet with a bold, frozen header.
import ExcelJS from 'exceljs';
import { Invalid } from '../errors.js';

export interface ColumnSpec<K extends string = string> {
  key: K;
  /** Accepted header texts; the first is the one written on export. */
  headers: string[];
  required?: boolean;
}

export interface SheetRow<K extends string> { row: number; values: Partial<Record<K, string>> }

const norm = (s: string) => s.replace(/[\s\u3000*＊:：()（）]/g, '').toLowerCase();

/** A cell as the text a person reads (dates as YYYY-MM-DD, rich text joined, formulas by their result). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String((v as any).text);
    if ('result' in v) return cellText((v as any).result);
    return '';
  }
  return String(v);
}

export async function readTable<K extends string>(buffer: Buffer, spec: ColumnSpec<K>[]): Promise<SheetRow<K>[]> {
  const wb = new ExcelJS.Workbook();
  try { await wb.xlsx.load(buffer as any); } catch { throw new Invalid({ field: 'file', code: 'import.notXlsx' }, 'import.notXlsx'); }
  const ws = wb.worksheets[0];
  if (!ws) throw new Invalid({ field: 'file', code: 'import.noSheet' }, 'import.noSheet');
  let headerRow = -1;
  let colOf: Partial<Record<K, number>> = {};
  const scan = Math.min(ws.rowCount, 10);
  for (let r = 1; r <= scan && headerRow < 0; r++) {
    const found: Partial<Record<K, number>> = {};
    ws.getRow(r).eachCell((cell, col) => {
      const t = norm(cellText(cell.value));
      for (const c of spec) if (found[c.key] === undefined && c.headers.some((h) => norm(h) === t)) found[c.key] = col;
    });
    if (spec.filter((c) => c.required).every((c) => found[c.key] !== undefined)) { headerRow = r; colOf = found; }
  }
  if (headerRow < 0) {
    const names = spec.filter((c) => c.required).map((c) => c.headers[0]).join('、');
    throw new Invalid({ field: 'file', code: 'import.missingColumn', params: { columns: names } }, 'import.missingColumn', { columns: names });
  }
  const rows: SheetRow<K>[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const values: Partial<Record<K, string>> = {};
    let any = false;
    for (const c of spec) {
      const col = colOf[c.key];
      if (col === undefined) continue;
      const t = cellText(row.getCell(col).value).trim();
      if (t) { values[c.key] = t; any = true; }
    }
    if (any) rows.push({ row: r, values });
  }
  if (!rows.length) throw new Invalid({ field: 'file', code: 'import.empty' }, 'import.empty');
  return rows;
}

export interface ExportColumn<T> { header: string; width?: number; value: (row: T) => string | number | null | undefined; numFmt?: string }

export async function writeTable<T>(sheetName: string, title: string | null, columns: ExportColumn<T>[], rows: Iterable<T>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'luoshi';
  const ws = wb.addWorksheet(sheetName);
  let headerAt = 1;
  if (title) {
    ws.addRow([title]);
    ws.mergeCells(1, 1, 1, columns.length);
    ws.getRow(1).font = { bold: true, size: 14 };
    ws.getRow(1).alignment = { horizontal: 'center' };
    headerAt = 2;
  }
  ws.addRow(columns.map((c) => c.header));
  const hr = ws.getRow(headerAt);
  hr.font = { bold: true };
  hr.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  columns.forEach((c, i) => { ws.getColumn(i + 1).width = c.width ?? Math.max(10, c.header.length * 2 + 4); if (c.numFmt) ws.getColumn(i + 1).numFmt = c.numFmt; });
  ws.views = [{ state: 'frozen', ySplit: headerAt }];
  for (const r of rows) ws.addRow(columns.map((c) => c.value(r) ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition with a UTF-8 file name (RFC 5987), so Chinese names survive. */
export function attachment(filename: string): string {
  return `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
