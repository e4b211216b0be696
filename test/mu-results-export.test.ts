// A run's results as Excel on both databases: 评价结果 (one row per evaluated enterprise, ranks and classes as the API
// gives them, each indicator's value and points), 不参评企业 with the reason, 评价说明 (scheme, version, snapshot,
// class rule with rounding and ties, draft or published), and the read scope (a township its own enterprises, a
// draft the office only).
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { expectProblem } from './world.js';
import { buildEnterpriseWorld, type EnterpriseWorld } from './enterprise-world.js';
import type { Ctx } from '../server/context.js';
import { newId } from '../server/platform/clock.js';

const v1 = (p: string) => `/api/v1${p}`;
const YEAR = 2025;

/** Every sheet as text rows (numbers as text). */
async function sheets(buf: Buffer): Promise<Record<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as any);
  const out: Record<string, string[][]> = {};
  for (const ws of wb.worksheets) {
    const rows: string[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const cells: string[] = [];
      for (let c = 1; c <= ws.columnCount; c++) { const v = ws.getRow(r).getCell(c).value; cells.push(v == null ? '' : String(v)); }
      rows.push(cells);
    }
    out[ws.name] = rows;
  }
  return out;
}

describeEachDb('亩均 results export', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let w: EnterpriseWorld;
  let runId = '';
  const names = new Map<string, string>();

  beforeAll(async () => {
    ({ app, ctx } = await testApp(getDb()));
    w = await buildEnterpriseWorld(app, ctx);
    const now = ctx.clock.now().toISOString();
    const add = async (i: number, o: { above: boolean; land: number; industry?: string; township?: string | null; data: Record<string, number> }) => {
      const id = newId();
      const name = `导出企业${i}`;
      names.set(id, name);
      await ctx.db.insertInto('enterprises').values({
        id, regionCode: w.region, creditCode: `91${w.region.slice(0, 6)}MA${String(i).padStart(8, '0')}`, name, industryCode: o.industry ?? '3411',
        townshipCode: o.township ?? null, park: null, aboveScale: o.above ? 1 : 0, landAreaMu: o.land, producingSince: '2010-01-01', closedOn: null,
        codeOverrideReason: null, createdAt: now, updatedAt: now,
      }).execute();
      for (const [field, value] of Object.entries(o.data)) {
        await ctx.db.insertInto('enterpriseYearData').values({ enterpriseId: id, year: YEAR, field, value, source: 'stats', batchId: null, updatedAt: now }).execute();
      }
      return id;
    };
    for (let i = 1; i <= 8; i++) {
      await add(i, { above: true, land: 50, township: i <= 3 ? w.township : w.otherTownship, data: { tax: 40 * i, value_added: 300 * i, energy: 500, emissions: 1, employees: 100, revenue: 5000 * i, rd_expense: 50 * i, electricity: 800 } });
    }
    await add(9, { above: false, land: 10, data: { tax: 80, electricity: 300 } });
    await add(10, { above: true, land: 80, industry: '4610', township: w.township, data: { tax: 300 } }); // 公用事业: not evaluated
    await add(11, { above: false, land: 2, township: w.township, data: { tax: 10 } }); // under 3 亩: not evaluated
    const s = await w.office.staff.post(v1('/mu/schemes'), { year: YEAR, name: '2025年度亩均评价办法' });
    const run = await w.office.staff.post(v1('/mu/runs'), { schemeId: s.json().id });
    expect(run.statusCode).toBe(201);
    runId = run.json().id;
  });

  const exportAs = async (c = w.office.staff) => {
    const res = await c.get(v1(`/mu/runs/${runId}/results/export`));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    return { disposition: String(res.headers['content-disposition']), book: await sheets(res.rawPayload) };
  };

  it('a draft: the office exports it marked 草稿; others do not see it', async () => {
    const { disposition, book } = await exportAs();
    expect(disposition).toContain(encodeURIComponent('2025年度亩均效益评价结果（草稿）'));
    expect(book['评价结果']![0]![0]).toBe('2025年度亩均效益评价结果（草稿）');
    expect(book['评价说明']!.find((r) => r[0] === '状态')![1]).toContain('草稿');
    expectProblem(await w.supervisor.get(v1(`/mu/runs/${runId}/results/export`)), 404);
    expectProblem(await w.otherUnitStaff.get(v1(`/mu/runs/${runId}/results/export`)), 403);
  });

  it('published: one row per evaluated enterprise with its rank, class, indicator values and points; the not-evaluated sheet with reasons; the notes', async () => {
    expect((await w.office.staff.post(v1(`/mu/runs/${runId}/publish`))).statusCode).toBe(200);
    const run = (await w.supervisor.get(v1(`/mu/runs/${runId}`))).json();
    const api = (await w.supervisor.get(v1(`/mu/runs/${runId}/results?pageSize=200`))).json().items;
    const { book } = await exportAs(w.supervisor);
    const res = book['评价结果']!;
    const header = res[1]!;
    expect(header.slice(0, 6)).toEqual(['排名', '统一社会信用代码', '企业名称', '乡镇', '行业', '分组']);
    expect(header).toContain('亩均税收（万元/亩）');
    expect(header).toContain('亩均税收得分');
    expect(header.slice(-4)).toEqual(['加减分', '总分', '类别', '说明']);
    const data = res.slice(2);
    expect(data).toHaveLength(run.run.evaluatedCount);
    const col = (h: string) => header.indexOf(h);
    const evaluated = api.filter((r: any) => r.evaluated);
    for (const row of data) {
      const a = evaluated.find((r: any) => r.creditCode === row[col('统一社会信用代码')]);
      expect(a, row.join(',')).toBeTruthy();
      expect(row[col('排名')]).toBe(String(a.rank));
      expect(row[col('类别')].startsWith(a.class)).toBe(true);
      expect(row[col('分组')]).toBe(a.groupName);
      expect(Number(row[col('总分')])).toBeCloseTo(a.total, 2);
      expect(row[col('说明')]).not.toMatch(/：(、|；|$)/); // every item named (封顶：亩均税收 …)
    }
    // The 规上 group first, by rank: 1 … 8; its best has the top 亩均税收 (320 / 50 亩 = 6.4).
    const above = data.filter((r) => r[col('分组')] === '规上工业企业');
    expect(above.map((r) => r[0])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(above[0]![col('企业名称')]).toBe('导出企业8');
    expect(above[0]![col('亩均税收（万元/亩）')]).toBe('6.4');
    expect(above[0]![col('类别')]).toBe('A 优先发展类');
    expect(above[0]![col('说明')]).toContain('第 1 位');

    const notEval = book['不参评企业']!;
    expect(notEval[1]).toEqual(['统一社会信用代码', '企业名称', '乡镇', '行业', '不参评原因']);
    const reasons = Object.fromEntries(notEval.slice(2).map((r) => [r[1], r[4]]));
    expect(Object.keys(reasons).sort()).toEqual(['导出企业10', '导出企业11']);
    expect(reasons['导出企业10']).toContain('公用事业');
    expect(reasons['导出企业11']).toContain('不足 3 亩');

    const notes = Object.fromEntries(book['评价说明']!.slice(2).map((r) => [r[0], r[1]]));
    expect(notes['评价方案']).toBe('2025年度亩均评价办法（第 1 版）');
    expect(notes['状态']).toContain('已发布');
    expect(notes['数据快照时间']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(notes['定档规则：规上工业企业（8 家）']).toContain('四舍五入');
    expect(notes['定档规则：规上工业企业（8 家）']).toContain('一并归入较高等级');
    expect(notes['类别名称']).toContain('D 倒逼整治类');
    expect(notes['加减分：严重环境违法行为']).toContain('D 类');
  });

  it('a township exports the rows of its own enterprises only', async () => {
    const { book } = await exportAs(w.townshipStaff);
    const names1 = book['评价结果']!.slice(2).map((r) => r[2]).sort();
    expect(names1).toEqual(['导出企业1', '导出企业2', '导出企业3']);
    expect(book['不参评企业']!.slice(2).map((r) => r[1]).sort()).toEqual(['导出企业10', '导出企业11']);
    expect(book['评价说明']!.find((r) => r[0] === '导出范围')![1]).toContain('本乡镇');
    const other = await exportAs(w.otherTownshipStaff);
    expect(other.book['评价结果']!.slice(2)).toHaveLength(5);
    expect(other.book['不参评企业']!.slice(2)).toHaveLength(0);
  });
});
