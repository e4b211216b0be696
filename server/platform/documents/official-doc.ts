// Official documents (党政机关公文) in the GB/T 9704-2012 layout, built with `docx`. Pure: a document model in,
// the bytes of a .docx out. Used for 督办通知单 and 通报; any module can describe a document and call it.
//
// Layout (GB/T 9704-2012): A4; margins top 37 mm, bottom 35 mm, left (binding side) 28 mm, right 26 mm, giving a
// 156 × 225 mm text block of 22 lines × 28 characters; 发文机关标志 in red 小标宋, 35 mm below the top of the text
// block; 发文字号 two lines below it, centred, with a red separator line 4 mm under it; the title in 2号 小标宋 two
// lines below the line; 主送机关 one line below the title; body 3号 仿宋 (一、 黑体, （一） 楷体); 附件 one line below
// the body; 落款 without a seal (organ two characters in from the right, the date's first character two characters
// right of the organ's); page numbers "— 1 —" in 4号 宋体, odd pages at the right and even pages at the left,
// one character in.
import {
  AlignmentType, BorderStyle, Document, DocumentGridType, Footer, LineRuleType, Packer, PageNumber,
  Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlignTable, WidthType,
} from 'docx';

/** Font names as Chinese government templates spell them; Word and WPS substitute 仿宋/楷体 where the _GB2312 fonts are missing. */
export const FONTS = {
  fangsong: '仿宋_GB2312',
  xiaobiaosong: '方正小标宋简体',
  hei: '黑体',
  kai: '楷体_GB2312',
  song: '宋体',
} as const;

/** Sizes in half-points (docx's unit): 2号 22 pt, 3号 16 pt, 4号 14 pt. */
export const SIZES = { hao2: 44, hao3: 32, hao4: 28 } as const;

/** Millimetres → twips, rounded (docx's convertMillimetersToTwip truncates: 37 mm would be 2097, A4 11905 × 16837). */
const mm = (v: number) => Math.round((v * 1440) / 25.4);
export const PAGE = { width: 11906, height: 16838, top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } as const;
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right; // 156 mm
/** 225 mm / 22 lines ≈ 28.95 pt a line, exact: the 22-line grid of the standard. */
export const LINE_PITCH = 579;
/**
 * 28 characters a line: 156 mm / 28 = 15.79 pt a character, so 3号 text is set 0.25 pt tighter (w:spacing −5 twips).
 * A character grid (docGrid linesAndChars) would say the same, but Word, WPS and LibreOffice read its charSpace
 * differently; explicit spacing lays out alike everywhere.
 */
const TIGHTEN = -5;
const CHAR = 320; // one 3号 character, in twips
const RED = 'FF0000';

export type Block =
  /** 一、… (黑体) */
  | { kind: 'h1'; text: string }
  /** （一）… (楷体) */
  | { kind: 'h2'; text: string }
  /** A body paragraph, first line indented two characters; `lead` is a run-in heading in 黑体 or 楷体. */
  | { kind: 'p'; text: string; lead?: string; leadFont?: 'hei' | 'kai' }
  /**
   * A table (lists, forms): header row in 黑体, cells in 仿宋 4号 unless `size` (half-points; 24 = 小四 for wide lists).
   * `width` values are relative; with `labelColumn` the first column is set in 黑体 (a form's labels).
   */
  | { kind: 'table'; columns: { header: string; width?: number; align?: 'left' | 'center' }[]; rows: string[][]; headerRow?: boolean; labelColumn?: boolean; size?: number };

export interface OfficialDocModel {
  /** 发文机关标志, e.g. 示例县人民政府督查室. */
  organ: string;
  /** 发文字号, e.g. 示督办〔2026〕3号. */
  number?: string | null;
  /** The title; '\n' splits it into lines (GB/T 9704: a long title runs over several lines, centred). */
  title: string;
  /** 主送机关, without the closing colon. */
  addressee?: string | null;
  body: Block[];
  /** 附件 names, without numbers or final punctuation. */
  attachments?: string[];
  /** 落款: the issuing organ and the date (YYYY-MM-DD), written 2026年11月29日. */
  signature: { organ: string; date: string };
  /** 附注, printed in parentheses under the date, e.g. 联系人：张三，电话：1234567. */
  note?: string | null;
}

/** 2026-11-29 → 2026年11月29日 (full year, no leading zeros). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Width in 3号 characters: CJK and full-width count 1, ASCII digits and letters ½ (half-width). */
export function charWidth(s: string): number {
  let w = 0;
  for (const c of s) w += c.charCodeAt(0) < 0x2000 ? 0.5 : 1;
  return w;
}

const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
const exact = (line = LINE_PITCH) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });
const run = (text: string, face: string = FONTS.fangsong, size: number = SIZES.hao3, extra: { color?: string; bold?: boolean } = {}) =>
  new TextRun({ text, font: font(face), size, ...(size === SIZES.hao3 ? { characterSpacing: TIGHTEN } : {}), ...extra });
const blank = () => new Paragraph({ spacing: exact(), children: [] });

function bodyParagraph(children: TextRun[], o: { indentFirst?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) {
  return new Paragraph({ spacing: exact(), alignment: o.align ?? AlignmentType.JUSTIFIED, indent: o.indentFirst === false ? undefined : { firstLine: 2 * CHAR }, children });
}

function table(b: Extract<Block, { kind: 'table' }>): Table {
  const weights = b.columns.map((c) => c.width ?? 1);
  const total = weights.reduce((a, x) => a + x, 0);
  const widths = weights.map((w) => Math.floor((TEXT_WIDTH * w) / total));
  const size = b.size ?? SIZES.hao4;
  const cellLine = Math.round(size * 10 * 1.43); // 20 pt lines for 4号 text inside a table
  const cell = (text: string, i: number, head: boolean) => new TableCell({
    width: { size: widths[i], type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    children: String(text ?? '').split('\n').map((line) => new Paragraph({
      spacing: exact(cellLine),
      alignment: head || b.columns[i].align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
      children: [run(line, head || (b.labelColumn && i === 0) ? FONTS.hei : FONTS.fangsong, size)],
    })),
  });
  const rows: TableRow[] = [];
  if (b.headerRow !== false) rows.push(new TableRow({ tableHeader: true, cantSplit: true, children: b.columns.map((c, i) => cell(c.header, i, true)) }));
  for (const r of b.rows) rows.push(new TableRow({ cantSplit: true, children: b.columns.map((_, i) => cell(r[i] ?? '', i, false)) }));
  return new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, rows });
}

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const four = 280; // one 4号 character
  return new Footer({
    children: [new Paragraph({
      alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
      indent: side === 'odd' ? { right: four } : { left: four },
      spacing: { line: 280, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FONTS.song), size: SIZES.hao4 })],
    })],
  });
}

/** 落款 without a seal: the organ two characters in from the right; the date's first character two characters right of the organ's. */
function signature(organ: string, date: string): Paragraph[] {
  const ow = charWidth(organ); const dw = charWidth(date);
  let organRight = 2; let dateRight = ow - dw;
  if (dw + 2 > ow) { dateRight = 2; organRight = dw + 4 - ow; }
  const line = (text: string, right: number) => new Paragraph({ spacing: exact(), alignment: AlignmentType.RIGHT, indent: { right: Math.round(right * CHAR) }, children: [run(text)] });
  return [line(organ, organRight), line(date, dateRight)];
}

function organMark(organ: string): Paragraph {
  // 小标宋, red; as large as fits on one line, at most 36 pt (小初 ≈ 36 pt is customary for a 督查室's mark).
  const pt = Math.min(36, Math.floor(TEXT_WIDTH / 20 / Math.max(1, charWidth(organ))));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: mm(35), after: 0, line: Math.round(pt * 20 * 1.2), lineRule: LineRuleType.EXACT },
    children: [run(organ, FONTS.xiaobiaosong, pt * 2, { color: RED })],
  });
}

export function buildParagraphs(m: OfficialDocModel): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [organMark(m.organ), blank()];
  // 发文字号, with the red separator line 4 mm under it, the width of the text block.
  out.push(new Paragraph({
    alignment: AlignmentType.CENTER, spacing: exact(),
    border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 11 } },
    children: m.number ? [run(m.number)] : [],
  }));
  out.push(blank(), blank());
  for (const line of m.title.split('\n')) {
    out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact(), children: [run(line, FONTS.xiaobiaosong, SIZES.hao2)] }));
  }
  out.push(blank());
  if (m.addressee) out.push(bodyParagraph([run(`${m.addressee.replace(/[：:]$/, '')}：`)], { indentFirst: false, align: AlignmentType.LEFT }));
  for (const b of m.body) {
    switch (b.kind) {
      case 'h1': out.push(bodyParagraph([run(b.text, FONTS.hei)])); break;
      case 'h2': out.push(bodyParagraph([run(b.text, FONTS.kai)])); break;
      case 'p': out.push(bodyParagraph([...(b.lead ? [run(b.lead, b.leadFont === 'hei' ? FONTS.hei : FONTS.kai)] : []), run(b.text)])); break;
      case 'table': out.push(table(b), blank()); break;
    }
  }
  const attachments = m.attachments ?? [];
  if (attachments.length) {
    out.push(blank());
    const label = '附件：';
    const nameAt = 2 * CHAR + 3 * CHAR;
    attachments.forEach((a, i) => {
      const text = attachments.length > 1 ? `${i + 1}.${a}` : a;
      out.push(new Paragraph({
        spacing: exact(), alignment: AlignmentType.LEFT,
        indent: i === 0 ? { left: nameAt, hanging: 3 * CHAR } : { left: nameAt },
        children: [run(i === 0 ? `${label}${text}` : text)],
      }));
    });
  }
  out.push(blank());
  out.push(...signature(m.signature.organ, chineseDate(m.signature.date)));
  if (m.note) out.push(bodyParagraph([run(`（${m.note}）`)]));
  return out;
}

/** The document model → the bytes of a .docx in the GB/T 9704 layout. */
export async function buildOfficialDoc(m: OfficialDocModel): Promise<Buffer> {
  const doc = new Document({
    title: m.title.replace(/\n/g, ''),
    creator: m.signature.organ,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: font(FONTS.fangsong), size: SIZES.hao3 }, paragraph: { spacing: exact() } } } },
    sections: [{
      properties: {
        page: {
          size: { width: PAGE.width, height: PAGE.height },
          margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: mm(15), footer: mm(25) },
        },
        grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH },
      },
      footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
      children: buildParagraphs(m),
    }],
  });
  return Packer.toBuffer(doc);
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Content-Disposition with a UTF-8 file name (RFC 5987), so Chinese names survive. */
export function docxAttachment(filename: string): string {
  return `attachment; filename="document.docx"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
