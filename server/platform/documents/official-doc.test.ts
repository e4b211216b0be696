import { describe, expect, it } from 'vitest';
import { buildOfficialDoc, charWidth, chineseDate, FONTS, type OfficialDocModel } from './official-doc.js';
import { docxText, unzipEntry } from '../../../test/unzip.js';

const model: OfficialDocModel = {
  organ: '示例县人民政府督查室',
  number: '示督办〔2026〕3号',
  title: '关于2026年11月重点工作\n督查情况的通报',
  addressee: '各乡镇人民政府，县直各部门',
  body: [
    { kind: 'h1', text: '一、总体情况' },
    { kind: 'p', text: '全县纳入督查督办的重点工作共42项。' },
    { kind: 'h2', text: '（一）红灯事项' },
    { kind: 'table', columns: [{ header: '序号' }, { header: '事项', width: 4 }], rows: [['1', '推进老旧小区改造']] },
  ],
  attachments: ['红灯事项清单', '单位排名表'],
  signature: { organ: '示例县人民政府督查室', date: '2026-11-29' },
};

describe('GB/T 9704 official documents', () => {
  it('writes dates the Chinese way and measures half-width digits as half a character', () => {
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
    expect(chineseDate('2026-11-29')).toBe('2026年11月29日');
    expect(charWidth('2026年11月29日')).toBe(7);
  });

  it('builds a .docx with A4, the standard margins, the fonts and sizes, and page numbers in the footer', async () => {
    const buf = await buildOfficialDoc(model);
    expect(buf.subarray(0, 2).toString()).toBe('PK');
    const xml = unzipEntry(buf, 'word/document.xml')!;
    // A4 and margins 37/35/28/26 mm (in twips: 1 mm = 56.7).
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toContain('w:top="2098"');
    expect(xml).toContain('w:bottom="1984"');
    expect(xml).toContain('w:left="1587"');
    expect(xml).toContain('w:right="1474"');
    // 22 lines: ≈ 28.95 pt exact line pitch.
    expect(xml).toContain('w:linePitch="579"');
    expect(xml).toMatch(/w:line="579" w:lineRule="exact"/);
    // Red 小标宋 organ mark; 2号 小标宋 title; 3号 仿宋 body; 黑体 and 楷体 headings; red separator line.
    expect(xml).toMatch(new RegExp(`w:eastAsia="${FONTS.xiaobiaosong}"[^]*?<w:color w:val="FF0000"/>[^]*?示例县人民政府督查室`));
    expect(xml).toMatch(new RegExp(`w:eastAsia="${FONTS.xiaobiaosong}"[^]*?<w:sz w:val="44"/>[^]*?关于2026年11月重点工作`));
    expect(xml).toMatch(new RegExp(`w:eastAsia="${FONTS.fangsong}"[^]*?<w:sz w:val="32"/>[^]*?全县纳入督查督办`));
    expect(xml).toMatch(new RegExp(`w:eastAsia="${FONTS.hei}"[^]*?一、总体情况`));
    expect(xml).toMatch(new RegExp(`w:eastAsia="${FONTS.kai}"[^]*?（一）红灯事项`));
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
    const text = docxText(xml);
    for (const s of ['示督办〔2026〕3号', '督查情况的通报', '各乡镇人民政府，县直各部门：', '附件：1.红灯事项清单', '2.单位排名表', '2026年11月29日', '推进老旧小区改造']) {
      expect(text).toContain(s);
    }
    expect(xml).toContain('<w:tbl>');
    // Footers: odd pages right, even pages left, "— PAGE —" in 4号 宋体.
    const settings = unzipEntry(buf, 'word/settings.xml')!;
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    const footers = ['word/footer1.xml', 'word/footer2.xml'].map((f) => unzipEntry(buf, f)!);
    for (const f of footers) {
      expect(f).toMatch(/PAGE/);
      expect(f).toContain('— ');
      expect(f).toContain(`w:eastAsia="${FONTS.song}"`);
      expect(f).toContain('<w:sz w:val="28"/>');
    }
    expect(footers.map((f) => /<w:jc w:val="(right|left)"\/>/.exec(f)?.[1]).sort()).toEqual(['left', 'right']);
  });

  it('lets the date stand under the organ, first character two characters to the right, both right-aligned', async () => {
    const xml = unzipEntry(await buildOfficialDoc({ ...model, signature: { organ: '督查室', date: '2026-11-29' } }), 'word/document.xml')!;
    // A short organ (3 characters) is shorter than the date (7): the date sits 2 characters from the right and the organ
    // 8 characters (its first character two to the left of the date's).
    expect(xml).toMatch(/<w:ind w:right="2560"\/><w:jc w:val="right"\/>[^]*?督查室[^]*?<w:ind w:right="640"\/><w:jc w:val="right"\/>[^]*?2026年11月29日/);
  });
});
