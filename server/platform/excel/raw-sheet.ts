// The first worksheet of an uploaded .xlsx as text: title rows, the header row (found by a predicate within the first
// 10 rows) with each cell's text and column, and the data rows below it. For sheets whose columns the caller works out
// itself (e.g. the enterprises' source sheets, whose data columns vary by source); readTable and readLedger match
// known columns instead.
import ExcelJS from 'exceljs';
import { Invalid } from '../errors.js';
import { cellText } from './excel.js';

export interface RawSheet {
  titleLines: string[];
  headerRow: number;
  headers: { col: number; text: string }[];
  rows: { row: number; cells: Map<number, string> }[];
}

export async function readRawSheet(buffer: Buffer, isHeader: (texts: string[]) => boolean, missing: () => Invalid): Promise<RawSheet> {
  const wb = new ExcelJS.Workbook();
  try { await wb.xlsx.load(buffer as any); } catch { throw new Invalid({ field: 'file', code: 'import.notXlsx' }, 'import.notXlsx'); }
  const ws = wb.worksheets[0];
  if (!ws) throw new Invalid({ field: 'file', code: 'import.noSheet' }, 'import.noSheet');
  const titleLines: string[] = [];
  let headerRow = -1;
  let headers: { col: number; text: string }[] = [];
  for (let r = 1; r <= Math.min(ws.rowCount, 10) && headerRow < 0; r++) {
    const cells: { col: number; text: string }[] = [];
    ws.getRow(r).eachCell((cell, col) => { const t = cellText(cell.value).trim(); if (t) cells.push({ col, text: t }); });
    if (cells.length && isHeader(cells.map((c) => c.text))) { headerRow = r; headers = cells; } else titleLines.push(...cells.map((c) => c.text));
  }
  if (headerRow < 0) throw missing();
  const rows: RawSheet['rows'] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells = new Map<number, string>();
    for (const h of headers) { const t = cellText(row.getCell(h.col).value).trim(); if (t) cells.set(h.col, t); }
    if (cells.size) rows.push({ row: r, cells });
  }
  if (!rows.length) throw new Invalid({ field: 'file', code: 'import.empty' }, 'import.empty');
  return { titleLines, headerRow, headers, rows };
}
