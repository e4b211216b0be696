// A workbook of several sheets, each like writeTable's (title row, bold frozen header): for reports such as the 通报.
import ExcelJS from 'exceljs';
import type { ExportColumn } from './excel.js';

export interface SheetSpec<T> { name: string; title: string | null; columns: ExportColumn<T>[]; rows: Iterable<T> }

export async function writeWorkbook(sheets: SheetSpec<any>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'luoshi';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    let headerAt = 1;
    if (s.title) {
      ws.addRow([s.title]);
      ws.mergeCells(1, 1, 1, Math.max(1, s.columns.length));
      ws.getRow(1).font = { bold: true, size: 14 };
      ws.getRow(1).alignment = { horizontal: 'center' };
      headerAt = 2;
    }
    ws.addRow(s.columns.map((c) => c.header));
    const hr = ws.getRow(headerAt);
    hr.font = { bold: true };
    hr.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    s.columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = c.width ?? Math.max(10, c.header.length * 2 + 4);
      if (c.numFmt) col.numFmt = c.numFmt;
    });
    ws.views = [{ state: 'frozen', ySplit: headerAt }];
    for (const r of s.rows) ws.addRow(s.columns.map((c) => c.value(r) ?? ''));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
