// Builds and reads .xlsx files in tests with exceljs, the way people hand them in: title rows above the header,
// headers in any order, extra columns.
import ExcelJS from 'exceljs';

export async function buildXlsx(opts: { titleRows?: string[]; header: string[]; rows: (string | number | null)[][]; sheetName?: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheetName ?? 'Sheet1');
  for (const t of opts.titleRows ?? []) ws.addRow([t]);
  ws.addRow(opts.header);
  for (const r of opts.rows) ws.addRow(r.map((v) => (v === null ? undefined : v)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The first sheet as text rows (every cell as text, trailing empty cells kept as ''). */
export async function readXlsx(buf: Buffer | string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((typeof buf === 'string' ? Buffer.from(buf, 'binary') : buf) as any);
  const ws = wb.worksheets[0];
  const out: string[][] = [];
  const width = ws.columnCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) {
      const v = row.getCell(c).value;
      cells.push(v === null || v === undefined ? '' : typeof v === 'object' && 'richText' in (v as any) ? (v as any).richText.map((t: any) => t.text).join('') : String(v));
    }
    out.push(cells);
  }
  return out;
}
