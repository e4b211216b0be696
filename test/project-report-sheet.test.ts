// 月报导出: one month's reports as one sheet — every project that owes the month (filed or 未报), the figures from the
// reports (当月, 1-N月, since the start, 年度完成率), a 合计 row, the month by default the last ended one, and scope:
// a unit sees only its projects. Read back from the xlsx on both databases.
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildTrackingWorld, insertProject, type TrackingWorld } from './project-tracking-fixtures.js';
import { expectProblem } from './world.js';
import { readXlsx } from './xlsx.js';
import type { Ctx } from '../server/context.js';
import type { Client } from './factories.js';

const HEADER = ['序号', '项目名称', '投资项目统一代码', '牵头单位', '包抓领导', '项目阶段', '总投资', '年度计划投资', '当月完成投资', '1-10月完成投资',
  '年度完成率(%)', '自开工累计完成投资', '形象进度', '存在问题', '填报时间', '是否逾期', '状态'];

describeEachDb('月报导出 monthly reports sheet', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let w: TrackingWorld; let county: string;
  beforeAll(async () => {
    let clock;
    ({ app, ctx, clock } = await testApp(getDb()));
    clock.set('2026-11-16T02:00:00Z'); // October's reports were due on 5 November
    w = await buildTrackingWorld(app, ctx);
    county = (await ctx.db.selectFrom('regions').select('name').where('code', '=', w.region).executeTakeFirstOrThrow()).name;
    const other = { ...w, leadUnit: w.otherUnit };
    const a = await insertProject(ctx, w, { name: '月报甲：已报', yearPlans: { 2026: 1200 } });
    const b = await insertProject(ctx, other, { name: '月报乙：未报（他局）', yearPlans: { 2026: 500 }, totalInvestment: 8000 });
    await insertProject(ctx, w, { name: '月报丙：储备不报', stage: 'reserve', actualStart: null });
    const d = await insertProject(ctx, w, { name: '月报丁：已竣工仍报', stage: 'completed', actualStart: '2025-01-01', yearPlans: {} });
    await insertProject(ctx, w, { name: '月报戊：在建未报', yearPlans: {}, totalInvestment: 3000 });
    const file = async (c: Client, id: string, period: string, amount: number, problemsText?: string) => {
      const r = await c.put(`/api/v1/projects/${id}/reports/${period}`, { amount, progressText: `${period} 形象进度`, ...(problemsText ? { problemsText } : {}) });
      expect(r.statusCode, r.body).toBe(200);
    };
    await file(w.staff, a.id, '2025-12', 30);
    await file(w.staff, a.id, '2026-09', 100);
    await file(w.staff, a.id, '2026-10', 200, '征地拆迁滞后');
    await file(w.otherStaff, b.id, '2026-08', 50);
    await file(w.staff, d.id, '2026-10', 10);
  });

  const sheet = async (c: Client, query = '') => {
    const res = await c.get(`/api/v1/projects/reports/export${query}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    return { rows: await readXlsx(res.rawPayload), disposition: String(res.headers['content-disposition']) };
  };
  const byName = (rows: string[][], name: string) => rows.find((r) => r[1] === name);

  it('one sheet for the last ended month: filed and 未报 rows with the reports’ figures, and a 合计 row', async () => {
    const { rows, disposition } = await sheet(w.sup);
    expect(rows[0][0]).toBe(`${county}重大项目2026年10月投资完成情况`);
    expect(rows[1][0]).toContain('单位：万元');
    expect(rows[1][0]).toContain('未报 2 个');
    expect(rows[2]).toEqual(HEADER);
    expect(decodeURIComponent(disposition)).toContain('重大项目月报-2026年10月.xlsx');
    const data = rows.slice(3, -1);
    expect(data.map((r) => r[1]).sort()).toEqual(['月报丁：已竣工仍报', '月报乙：未报（他局）', '月报戊：在建未报', '月报甲：已报']);
    expect(data.map((r) => r[0])).toEqual(['1', '2', '3', '4']);
    const a = byName(rows, '月报甲：已报')!;
    // 当月 200; 1-10月 100 + 200; 300 / 1200 = 25%; since the start 30 + 300.
    expect(a.slice(5, 17)).toEqual(['在建', '50000', '1200', '200', '300', '25', '330', '2026-10 形象进度', '征地拆迁滞后', a[14], '是', '已报']);
    expect(a[14]).toMatch(/^2026-11-16 10:00$/);
    expect(a[4]).toBe('李副县长');
    const b = byName(rows, '月报乙：未报（他局）')!;
    expect(b.slice(6, 17)).toEqual(['8000', '500', '', '50', '10', '50', '', '', '', '是', '未报']);
    expect(byName(rows, '月报戊：在建未报')!.slice(7, 17)).toEqual(['', '', '0', '', '0', '', '', '', '是', '未报']);
    expect(byName(rows, '月报丁：已竣工仍报')!.slice(5, 17)).toEqual(['竣工', '50000', '', '10', '10', '', '10', '2026-10 形象进度', '', a[14], '是', '已报']);
    const total = rows[rows.length - 1];
    expect(total.slice(0, 12)).toEqual(['合计', '合计（4 个项目）', '', '', '', '', '111000', '1700', '210', '360', String(Math.round((360 / 1700) * 1000) / 10), '390']);
    expect(total[16]).toBe('已报 2／未报 2');
  });

  it('another month on request; a bad month is refused', async () => {
    const { rows } = await sheet(w.sup, '?period=2026-09');
    expect(rows[0][0]).toBe(`${county}重大项目2026年9月投资完成情况`);
    expect(rows[2][9]).toBe('1-9月完成投资');
    expect(byName(rows, '月报甲：已报')!.slice(8, 12)).toEqual(['100', '100', String(Math.round((100 / 1200) * 1000) / 10), '130']);
    expect(byName(rows, '月报乙：未报（他局）')![16]).toBe('未报');
    expectProblem(await w.sup.get('/api/v1/projects/reports/export?period=2026-13'), 400);
    // A month not yet begun (the clock is in November 2026) is refused on `period`; the month under way is not.
    for (const future of ['2026-12', '2027-01']) {
      const res = await w.sup.get(`/api/v1/projects/reports/export?period=${future}`);
      expectProblem(res, 400);
      expect(res.json().errors[0]).toMatchObject({ field: 'period', code: 'projectReport.exportFuture' });
      expect(JSON.stringify(res.json())).toContain(`${future} 尚未开始`);
    }
    expect((await sheet(w.sup, '?period=2026-11')).rows[0][0]).toBe(`${county}重大项目2026年11月投资完成情况`);
  });

  it('a unit sees only its projects', async () => {
    const own = (await sheet(w.staff)).rows;
    expect(own.slice(3, -1).map((r) => r[1]).sort()).toEqual(['月报丁：已竣工仍报', '月报戊：在建未报', '月报甲：已报']);
    expect(own[own.length - 1][1]).toBe('合计（3 个项目）');
    const other = (await sheet(w.otherStaff)).rows;
    expect(other.slice(3, -1).map((r) => r[1])).toEqual(['月报乙：未报（他局）']);
    expect(other[other.length - 1][8]).toBe('0');
  });

  it('who owes a month is decided by the dates: not by today’s stage', async () => {
    const completedOn = async (id: string, day: string) => ctx.db.updateTable('projects').set({ actualCompletion: day }).where('id', '=', id).execute();
    await insertProject(ctx, w, { name: '月报己：在建无开工日期', actualStart: null });
    const g = await insertProject(ctx, w, { name: '月报庚：9月竣工', stage: 'completed' });
    await completedOn(g.id, '2026-09-30');
    const h = await insertProject(ctx, w, { name: '月报辛：10月竣工', stage: 'operating' });
    await completedOn(h.id, '2026-10-01');
    await insertProject(ctx, w, { name: '月报壬：11月开工', actualStart: '2026-11-01' });
    const oct = (await sheet(w.staff)).rows.slice(3, -1).map((r) => r[1]);
    expect(oct.filter((n) => /己|庚|辛|壬/.test(n))).toEqual(['月报辛：10月竣工']);
    const sep = (await sheet(w.staff, '?period=2026-09')).rows.slice(3, -1);
    expect(sep.map((r) => r[1]).filter((n) => /己|庚|辛|壬/.test(n)).sort()).toEqual(['月报庚：9月竣工', '月报辛：10月竣工']);
    // 月报丁 is 竣工 today with no completion date: by its dates still building in September, so it owes that month too.
    expect(byName(sep, '月报丁：已竣工仍报')![16]).toBe('未报');
  });
});
