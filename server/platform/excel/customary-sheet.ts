// The customary layout of a county's ledger sheet (台账): a merged bold title row, a merged right-aligned note row
// ending "单位：万元", one styled header row, the name columns frozen, money columns as #,##0.00, the data, and a bold
// 合计 row. Used by the project library export (library-sheet.ts) and the monthly reports sheet (reports-sheet.ts).
import type ExcelJS from 'exceljs';

export interface LedgerSheetSpec {
  title: string;
  /** The second row, e.g. "截至 2026-11-30　　单位：万元". */
  unitNote: string;
  headers: string[];
  widths: number[];
  /** 0-based indexes of the money (万元) columns. */
  moneyCols: number[];
}

/** Writes rows 1–3 (title, note, header) and sets widths, money formats and the frozen panes (3 rows, 2 columns). */
export function ledgerSheet(ws: ExcelJS.Worksheet, o: LedgerSheetSpec): void {
  const n = o.headers.length;
  ws.addRow([o.title]);
  ws.mergeCells(1, 1, 1, n);
  ws.getRow(1).font = { bold: true, size: 16 };
  ws.getRow(1).alignment = { horizontal: 'center' };
  ws.addRow([o.unitNote]);
  ws.mergeCells(2, 1, 2, n);
  ws.getRow(2).alignment = { horizontal: 'right' };
  ws.addRow(o.headers);
  const hr = ws.getRow(3);
  hr.font = { bold: true };
  hr.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  hr.eachCell((c) => { c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } }; c.border = { bottom: { style: 'thin' } }; });
  const money = new Set(o.moneyCols);
  o.widths.forEach((w, i) => { ws.getColumn(i + 1).width = w; if (money.has(i)) ws.getColumn(i + 1).numFmt = '#,##0.00'; });
  ws.views = [{ state: 'frozen', ySplit: 3, xSplit: 2 }];
}

/**
 * The bold 合计 row: "合计" in the first column, "合计（N 个项目）" in the second, `values` (by 0-based column) elsewhere,
 * every other cell empty.
 */
export function totalRow(ws: ExcelJS.Worksheet, o: { columns: number; count: number; values: Record<number, string | number> }): ExcelJS.Row {
  const row = ws.addRow(Array.from({ length: o.columns }, (_v, k) => (k === 1 ? `合计（${o.count} 个项目）` : o.values[k] ?? '')));
  row.getCell(1).value = '合计';
  row.font = { bold: true };
  return row;
}

/** The sum of a money column over the rows, to the cent. */
export const columnSum = (values: (string | number | null | undefined)[]): number =>
  Math.round(values.reduce<number>((s, v) => s + Number(v ?? 0), 0) * 100) / 100;

/** The 0-based indexes of the columns marked money. */
export const moneyCols = (cols: { money?: boolean }[]): number[] => cols.flatMap((c, i) => (c.money ? [i] : []));
