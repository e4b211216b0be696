// 亩均效益体检报告: one A4 page per enterprise and year — who it is, each indicator's value, benchmark, weight and points
// with the reason in words, bonuses and deductions, total, rank and class with the stated class rule. Built with docx
// directly (a one-page form, not a 公文), in the Chinese fonts of official-doc.ts.
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlignTable, WidthType } from 'docx';
import { FONTS } from '../../platform/documents/official-doc.js';
import { chineseDate } from '../../platform/documents/official-doc.js';

export interface ReportCardModel {
  county: string; year: number; published: boolean;
  enterprise: { name: string; creditCode: string; township: string | null; park: string | null; industryCode: string | null; land: number | null; group: string };
  items: { name: string; unit: string; value: number | null; benchmark: number | null; weight: number; points: number; why: string }[];
  adjustments: { name: string; quantity: number; points: number; forceClass: string | null }[];
  total: number | null; rank: number | null; groupSize: number | null; cls: string | null; classLabel: string | null;
  classWhy: string | null; ruleText: string | null; exclusionReason: string | null;
  date: string;
}

const mm = (v: number) => Math.round((v * 1440) / 25.4);
const W = 11906 - mm(20) - mm(20);
const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });
const SMALL = 20; // 五号 10.5 pt ≈ 21 half-points; 10 pt keeps six indicators on one page
const BODY = 22;

const fmt = (x: number | null, d = 2) => (x == null ? '—' : String(Math.round(x * 10 ** d) / 10 ** d));

function run(text: string, opts: { bold?: boolean; size?: number; f?: string; color?: string } = {}) {
  return new TextRun({ text, bold: opts.bold, size: opts.size ?? BODY, font: font(opts.f ?? FONTS.fangsong), color: opts.color });
}
function para(children: TextRun[], align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT, after = 60) {
  return new Paragraph({ children, alignment: align, spacing: { after, line: 300 } });
}
const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };
function cell(text: string, width: number, opts: { head?: boolean; align?: 'left' | 'center'; span?: number } = {}) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA }, borders, verticalAlign: VerticalAlignTable.CENTER, columnSpan: opts.span,
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    children: [new Paragraph({ alignment: opts.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER, children: [run(text, { size: SMALL, f: opts.head ? FONTS.hei : FONTS.fangsong })] })],
  });
}
function table(widths: number[], rows: string[][], headRow = true, leftCols: number[] = []) {
  const total = widths.reduce((s, w) => s + w, 0);
  const ws = widths.map((w) => Math.floor((w / total) * W));
  return new Table({
    width: { size: W, type: WidthType.DXA }, columnWidths: ws,
    rows: rows.map((r, ri) => new TableRow({ children: r.map((t, ci) => cell(t, ws[ci]!, { head: headRow && ri === 0, align: leftCols.includes(ci) && !(headRow && ri === 0) ? 'left' : 'center' })) })),
  });
}

export async function buildReportCard(m: ReportCardModel): Promise<Buffer> {
  const e = m.enterprise;
  const children: (Paragraph | Table)[] = [
    para([run(`${m.county}${m.year}年度工业企业亩均效益综合评价`, { size: 32, f: FONTS.xiaobiaosong })], AlignmentType.CENTER, 40),
    para([run('企 业 体 检 报 告', { size: 36, f: FONTS.xiaobiaosong })], AlignmentType.CENTER, 160),
    table([18, 32, 18, 32], [
      ['企业名称', e.name, '统一社会信用代码', e.creditCode],
      ['所在乡镇（街道）', e.township ?? '—', '所在园区', e.park ?? '—'],
      ['行业代码', e.industryCode ?? '—', '用地面积（亩）', fmt(e.land)],
      ['评价组', e.group, '评价状态', m.published ? '已发布' : '草稿（未发布）'],
    ], false),
    para([run('')], AlignmentType.LEFT, 0),
  ];
  if (m.exclusionReason) {
    children.push(para([run('评价结果：', { f: FONTS.hei }), run(`不参评（${m.exclusionReason}）`)]));
  } else {
    children.push(para([run('一、指标得分', { f: FONTS.hei })]));
    children.push(table([26, 14, 14, 8, 9, 29], [
      ['指标', '本企业', '基准值', '权重', '得分', '说明'],
      ...m.items.map((i) => [`${i.name}${i.unit ? `（${i.unit}）` : ''}`, fmt(i.value, i.unit ? 2 : 4), fmt(i.benchmark, i.unit ? 2 : 4), String(i.weight), fmt(i.points, 1), i.why]),
    ], true, [0, 5]));
    children.push(para([run('')], AlignmentType.LEFT, 0));
    children.push(para([run('二、加分与扣分', { f: FONTS.hei })]));
    if (m.adjustments.length) {
      children.push(table([50, 15, 35], [
        ['事项', '数量', '分值 / 定档'],
        ...m.adjustments.map((a) => [a.name, fmt(a.quantity, 0), a.forceClass ? `直接定为 ${a.forceClass} 类` : `${a.points > 0 ? '+' : ''}${fmt(a.points, 1)}`]),
      ], true, [0]));
    } else children.push(para([run('无。')]));
    children.push(para([run('')], AlignmentType.LEFT, 0));
    children.push(para([run('三、综合评价', { f: FONTS.hei })]));
    children.push(para([
      run('综合得分 '), run(fmt(m.total, 2), { bold: true }), run(' 分，组内排名 '), run(`${m.rank ?? '—'} / ${m.groupSize ?? '—'}`, { bold: true }),
      run('，评价等级 '), run(`${m.cls ?? '—'} 类${m.classLabel ? `（${m.classLabel}）` : ''}`, { bold: true, color: m.cls === 'D' ? 'C00000' : undefined }), run('。'),
    ]));
    if (m.classWhy) children.push(para([run(`定档理由：${m.classWhy}。`, { size: SMALL })]));
    if (m.ruleText) children.push(para([run(`定档规则：${m.ruleText}`, { size: SMALL })]));
  }
  children.push(para([run('')], AlignmentType.LEFT, 0));
  children.push(para([run(`${m.county}亩均论英雄改革工作领导小组办公室`)], AlignmentType.RIGHT, 0));
  children.push(para([run(chineseDate(m.date))], AlignmentType.RIGHT, 0));

  const doc = new Document({
    title: `${e.name} ${m.year}年度亩均效益体检报告`,
    styles: { default: { document: { run: { font: font(FONTS.fangsong), size: BODY } } } },
    sections: [{
      properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: mm(20), bottom: mm(18), left: mm(20), right: mm(20) } } },
      children,
    }],
  });
  return Packer.toBuffer(doc);
}
