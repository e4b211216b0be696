// Import of a project ledger as counties keep it: title rows, a unit note, two-row merged headers ("1-10月完成投资"
// over "万元"), 亿元 amounts, shuffled and extra columns, a section row, blank rows and a 合计 row; a preview naming
// every bad row, all-or-nothing on both databases, and a re-import that updates (by code, else by name); a 1-N月完成投资
// column goes into the monthly reports (filed, corrected with a reason, unchanged; refused below what was reported).
import { beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildUnit, buildUser, Client } from './factories.js';
import { auditSince, buildWorld, expectProblem, lastSeq, signIn, type World } from './world.js';
import { buildXlsx } from './xlsx.js';
import type { Ctx } from '../server/context.js';
import { putSetting } from '../server/platform/settings.js';
import type { TestClock } from '../server/platform/clock.js';
import { ledgerPeriod } from '../server/modules/projects/library-import.js';

type Cell = string | number | null;
/** A ledger: title rows, then a header over two rows where `merge` columns span both rows, then data. */
async function ledger(o: { titles: string[]; top: Cell[]; sub: Cell[]; mergeDown: number[]; rows: Cell[][] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  for (const t of o.titles) { const r = ws.addRow([t]); ws.mergeCells(r.number, 1, r.number, o.top.length); }
  const h1 = ws.addRow(o.top).number;
  ws.addRow(o.sub);
  for (const c of o.mergeDown) ws.mergeCells(h1, c, h1 + 1, c);
  for (const r of o.rows) ws.addRow(r.map((v) => (v === null ? undefined : v)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeEachDb('project ledger import', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let clock: TestClock; let w: World; let fgw: Client; let region: string; let town: string; let leaderName: string;
  beforeAll(async () => {
    ({ app, ctx, clock } = await testApp(getDb()));
    clock.set('2026-11-16T02:00:00Z'); // October is the last ended month; its reports were due on 5 November
    w = await buildWorld(app, ctx);
    region = w.region;
    const fgwUnit = (await buildUnit(ctx, region, { name: `县发展和改革局${region}` })).id;
    await ctx.db.transaction().execute((trx) => putSetting(ctx, trx, 'projects.libraryUnitIds', [fgwUnit]));
    fgw = await signIn(app, ctx, await buildUser(ctx, { regionCode: region, unitId: fgwUnit, roles: ['unit_admin'] }));
    town = `东湖镇${region}`;
    await ctx.db.insertInto('regions').values({ code: `${region}102`, name: town, level: 'township', parentCode: region }).execute();
    leaderName = `项目领导${region}`;
    await ctx.db.updateTable('users').set({ displayName: leaderName }).where('id', '=', w.users.leader.id).execute();
  });

  const code = (n: number) => `2025-${region}-44-01-${String(n).padStart(6, '0')}`;
  // Columns shuffled; 备注 is extra; amounts in 亿元 for 总投资 (its sub-header), 万元 for the year plan; 1-10月完成投资 is report
  // data (left blank on these projects, not started: its own tests are at the end).
  const top: Cell[] = ['序号', '牵头单位', '项目名称', '总投资', '2026年计划投资', '1-10月完成投资', '建设性质及年限', null, '项目阶段', '包抓领导', '所在乡镇', '投资项目统一代码', '备注'];
  const sub: Cell[] = [null, null, null, '亿元', '万元', '万元', '计划开工', '计划竣工', null, null, null, null, null];
  const mergeDown = [1, 2, 3, 9, 10, 11, 12, 13];
  const titles = () => [`${region}县2026年重大项目推进台账`, '填报单位：县发改局　　单位：万元'];
  const good = (): Cell[][] => [
    [null, '一、产业项目', null, null, null, null, null, null, null, null, null, null, null],
    [1, w.unitName, '年产5万吨新材料项目', 3.5, 8000, null, '2026.3', '2027年12月', '在建', leaderName, town, code(1), '省重点'],
    [2, w.unitName, '智能制造产业园一期', '1.2', '3,000', null, '2026-06-01', '2028-06-30', '前期', null, null, code(2), null],
    [],
    [3, w.unitName, '城区污水管网改造', 0.6, 2000, null, null, null, '储备', leaderName, town, null, null],
    [null, '合计', null, 5.3, 13000, 5200, null, null, null, null, null, null, null],
  ];

  const upload = (buf: Buffer, commit = false) => fgw.upload(`/api/v1/projects/import${commit ? '?commit=true' : ''}`, 'ledger.xlsx', buf);
  const count = async () => Number((await ctx.db.selectFrom('projects').select((eb) => eb.fn.countAll<number>().as('n')).where('regionCode', '=', region).executeTakeFirstOrThrow()).n);

  it('reads title rows, a two-row merged header, 亿元, section/blank/合计 rows; previews; commits', async () => {
    // 8000 above 35000 total is fine; "实际开工" missing for 在建 → that row is bad until given.
    const rows = good();
    const res = await upload(await ledger({ titles: titles(), top, sub, mergeDown, rows }));
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.headerRows).toBe(2);
    expect(p.units).toMatchObject({ totalInvestment: '亿元', yearPlan: '万元' });
    expect(p.notes.join()).toContain('1-10月完成投资');
    expect(p.skippedRows).toHaveLength(2); // 一、产业项目 and 合计
    expect(p.errors.map((e: any) => `${e.row} ${e.field} ${e.code}`)).toEqual([`6 实际开工时间 projects.startRequired`]);
    expect(p.committed).toBe(false);
    expect(await count()).toBe(0);
    // Commit refuses as a whole while a row is bad.
    const refused = await upload(await ledger({ titles: titles(), top, sub, mergeDown, rows }), true);
    expect(refused.json().committed).toBe(false);
    expect(await count()).toBe(0);
    // The 在建 row without an actual start: write it as 前期 instead, then the ledger goes in.
    rows[1][8] = '前期';
    const ok = await upload(await ledger({ titles: titles(), top, sub, mergeDown, rows }), true);
    expect(ok.json(), ok.body).toMatchObject({ committed: true, created: 3, updated: 0, errors: [] });
    const saved = await ctx.db.selectFrom('projects').selectAll().where('regionCode', '=', region).orderBy('serial').execute();
    expect(saved.map((s) => [s.name, Number(s.totalInvestment), s.stage, s.projectCode, s.plannedStart, s.plannedCompletion])).toEqual([
      ['年产5万吨新材料项目', 35000, 'preparation', code(1), '2026-03-01', '2027-12-01'],
      ['智能制造产业园一期', 12000, 'preparation', code(2), '2026-06-01', '2028-06-30'],
      ['城区污水管网改造', 6000, 'reserve', null, null, null],
    ]);
    expect(saved[0].leaderUserId).toBe(w.users.leader.id);
    expect(saved[0].townshipCode).toBe(`${region}102`);
    expect(saved.every((s) => s.leadUnitId === w.unitId)).toBe(true);
    const plan = await ctx.db.selectFrom('projectYearPlans').selectAll().where('projectId', '=', saved[1].id).execute();
    expect(plan.map((x) => Number(x.plannedInvestment))).toEqual([3000]);
  });

  it('bad rows are each named with the reason, and nothing is written', async () => {
    const before = await count();
    const rows: Cell[][] = [
      [1, '不存在的局', '新项目甲', 1, 100, null, null, null, '储备', null, null, null, null],
      [2, w.unitName, '新项目乙', '很多', 100, null, '2026.13', null, '储备', '无名氏', '外星镇', null, null],
      [3, w.unitName, '新项目丙', 1, 100, null, null, null, '开会', null, null, '2025-1-1', null],
      [4, w.unitName, '新项目甲', 1, 100, null, null, null, '储备', null, null, null, null],
      [5, w.unitName, null, 1, 100, null, null, null, '储备', null, null, null, null],
    ];
    const res = await upload(await ledger({ titles: titles(), top, sub, mergeDown, rows }), true);
    const got = res.json().errors.map((e: any) => `${e.row} ${e.field} ${e.code}`);
    expect(got).toEqual([
      '5 牵头单位 projects.unknownUnit',
      '6 总投资 projects.badAmount', '6 计划开工时间 projects.badDate', '6 包抓领导 projects.unknownLeader', '6 所在乡镇 projects.unknownTownship',
      '7 项目阶段 projects.badStage',
      '8 项目名称 projects.duplicateInFile',
      '9 项目名称 invalid.required',
    ]);
    expect(res.json().committed).toBe(false);
    expect(await count()).toBe(before);
  });

  it('re-importing updates by code, else by name, and moves a stage only where the rules allow', async () => {
    const rows = good();
    rows[1][8] = '前期';
    rows[1][3] = 4; // 总投资 now 4 亿元
    rows[2][2] = '智能制造产业园一期（调整）'; // renamed: found by its code
    rows[4][4] = 2500; // found by name
    const res = await upload(await ledger({ titles: titles(), top, sub, mergeDown, rows }), true);
    expect(res.json(), res.body).toMatchObject({ committed: true, created: 0, updated: 3 });
    expect(await count()).toBe(3);
    const p = await ctx.db.selectFrom('projects').selectAll().where('projectCode', '=', code(1)).executeTakeFirstOrThrow();
    expect(Number(p.totalInvestment)).toBe(40000);
    expect((await ctx.db.selectFrom('projects').select('name').where('projectCode', '=', code(2)).executeTakeFirstOrThrow()).name).toBe('智能制造产业园一期（调整）');
    // 储备 → 在建 is not a move: refused with the allowed ones.
    rows[4][8] = '在建';
    const bad = await upload(await ledger({ titles: titles(), top, sub, mergeDown, rows }));
    expect(bad.json().errors.map((e: any) => `${e.field} ${e.code}`)).toEqual(['项目阶段 projects.illegalMove']);
    // 储备 → 前期 with its code is.
    rows[4][8] = '前期'; rows[4][11] = code(3);
    const moved = await upload(await ledger({ titles: titles(), top, sub, mergeDown, rows }), true);
    expect(moved.json().committed).toBe(true);
    const m = await ctx.db.selectFrom('projects').selectAll().where('projectCode', '=', code(3)).executeTakeFirstOrThrow();
    expect(m.stage).toBe('preparation');
    const moves = await ctx.db.selectFrom('projectStageMoves').select(['fromStage', 'toStage']).where('projectId', '=', m.id).orderBy('createdAt').execute();
    expect(moves.map((x) => `${x.fromStage}>${x.toStage}`)).toEqual(['null>reserve', 'reserve>preparation']);
  });

  it('a sheet without a required column names it; only library units import', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['台账']); ws.addRow(['项目名称', '建设内容']); ws.addRow(['某项目', '内容']);
    const res = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
    expectProblem(res, 400, 'import.missingColumn');
    expect(res.json().detail).toContain('总投资');
    expect(res.json().detail).toContain('牵头单位');
    expectProblem(await w.clients.unit_staff.upload('/api/v1/projects/import', 'l.xlsx', Buffer.from(await wb.xlsx.writeBuffer())), 403);
  });

  // 1-N月完成投资 → 月报: one header row under two title rows (the year is in the title), data from row 4.
  const ytdLedger = (col: string, rows: Cell[][], title = `${region}县2026年重大项目推进台账`) =>
    buildXlsx({ titleRows: [title, '单位：万元'], header: ['项目名称', '投资项目统一代码', '牵头单位', '总投资', '项目阶段', '实际开工时间', col], rows });
  const reportsOf = async (name: string) => {
    const p = await ctx.db.selectFrom('projects').select('id').where('regionCode', '=', region).where('name', '=', name).executeTakeFirstOrThrow();
    return ctx.db.selectFrom('projectReports').selectAll().where('projectId', '=', p.id).orderBy('period').execute();
  };
  const JIA = '台账月报项目甲';

  it('a 1-N月完成投资 column files the month’s report from the ledger (source ledger); preview first writes nothing', async () => {
    const rows: Cell[][] = [[JIA, code(11), w.unitName, 5000, '在建', '2026-03-01', 800]];
    const pre = (await upload(await ytdLedger('1-10月完成投资', rows))).json();
    expect(pre.errors).toEqual([]);
    expect(pre.reports).toEqual({ period: '2026-10', created: 1, corrected: 0, unchanged: 0 });
    expect(pre.reportChanges).toEqual([{ row: 4, name: JIA, period: '2026-10', action: 'create', before: null, after: 800 }]);
    expect(pre.notes.join()).toContain('2026年10月');
    expect(pre.units.completedToDate).toBe('万元');
    expect(await ctx.db.selectFrom('projects').select('id').where('name', '=', JIA).executeTakeFirst()).toBeUndefined();
    const res = (await upload(await ytdLedger('1-10月完成投资', rows), true)).json();
    expect(res).toMatchObject({ committed: true, created: 1, reports: { period: '2026-10', created: 1, corrected: 0, unchanged: 0 } });
    expect((await reportsOf(JIA)).map((r) => [r.period, r.year, r.amount, r.source])).toEqual([['2026-10', 2026, 800, 'ledger']]);
  });

  it('re-importing a changed figure corrects the month with a reason, audited; the same figure changes nothing', async () => {
    const seq = await lastSeq(ctx);
    const rows: Cell[][] = [[JIA, code(11), w.unitName, 5000, '在建', '2026-03-01', 900]];
    const pre = (await upload(await ytdLedger('1-10月完成投资', rows))).json();
    expect(pre.reports).toEqual({ period: '2026-10', created: 0, corrected: 1, unchanged: 0 });
    // The preview names each correction: row, project, month, the month's figure before → after.
    expect(pre.reportChanges).toEqual([{ row: 4, name: JIA, period: '2026-10', action: 'correct', before: 800, after: 900 }]);
    const res = (await upload(await ytdLedger('1-10月完成投资', rows), true)).json();
    expect(res).toMatchObject({ committed: true, updated: 1, reports: { created: 0, corrected: 1, unchanged: 0 } });
    const [oct] = await reportsOf(JIA);
    expect([oct.amount, oct.corrections]).toEqual([900, 1]);
    const fixes = await ctx.db.selectFrom('projectReportCorrections').selectAll().where('reportId', '=', oct.id).execute();
    expect(fixes).toHaveLength(1);
    expect(fixes[0].reason).toContain('台账导入');
    expect(JSON.parse(fixes[0].beforeJson)).toEqual({ amount: 800 });
    const audits = (await auditSince(ctx, seq)).filter((a) => a.action === 'project.report.correct');
    expect(audits.map((a) => a.entityId)).toEqual([oct.id]);
    // The same figure (here under the other customary header, "10月累计完成投资"): nothing changes.
    const again = (await upload(await ytdLedger('10月累计完成投资', rows), true)).json();
    expect(again).toMatchObject({ committed: true, reports: { period: '2026-10', created: 0, corrected: 0, unchanged: 1 }, reportChanges: [] });
    const [same] = await reportsOf(JIA);
    expect([same.amount, same.corrections, same.version]).toEqual([900, 1, oct.version]);
  });

  it('a ledger figure below what the year’s earlier months reported is a row error in preview and commit; nothing is written', async () => {
    const project = (await ctx.db.selectFrom('projects').select('id').where('name', '=', JIA).executeTakeFirstOrThrow()).id;
    const filed = await w.clients.unit_staff.put(`/api/v1/projects/${project}/reports/2026-09`, { amount: 500, progressText: '主体结构施工' });
    expect(filed.statusCode, filed.body).toBe(200);
    const before = await reportsOf(JIA);
    const rows: Cell[][] = [
      ['台账月报项目丁', code(14), w.unitName, 2000, '在建', '2026-05-01', 300],
      [JIA, code(11), w.unitName, 5000, '在建', '2026-03-01', 400],
    ];
    const pre = (await upload(await ytdLedger('1-10月完成投资', rows))).json();
    expect(pre.errors.map((e: any) => `${e.row} ${e.field} ${e.code}`)).toEqual(['5 1-10月完成投资 projectReport.ledgerBelowReports']);
    expect(pre.errors[0].message).toContain('500');
    const res = (await upload(await ytdLedger('1-10月完成投资', rows), true)).json();
    expect(res.committed).toBe(false);
    expect(res.errors.map((e: any) => `${e.row} ${e.code}`)).toEqual(['5 projectReport.ledgerBelowReports']);
    expect(await reportsOf(JIA)).toEqual(before);
    expect(await ctx.db.selectFrom('projects').select('id').where('name', '=', '台账月报项目丁').executeTakeFirst()).toBeUndefined();
    // 1-10月 1500 with September's 500 already in: October becomes 1000.
    rows[1][6] = 1500;
    expect((await upload(await ytdLedger('1-10月完成投资', rows))).json().reportChanges).toEqual([
      { row: 4, name: '台账月报项目丁', period: '2026-10', action: 'create', before: null, after: 300 },
      { row: 5, name: JIA, period: '2026-10', action: 'correct', before: 900, after: 1000 },
    ]);
    const ok = (await upload(await ytdLedger('1-10月完成投资', rows), true)).json();
    expect(ok).toMatchObject({ committed: true, created: 1, updated: 1, reports: { created: 1, corrected: 1, unchanged: 0 } });
    expect((await reportsOf(JIA)).map((r) => [r.period, r.amount])).toEqual([['2026-09', 500], ['2026-10', 1000]]);
  });

  it('a figure on a project not started is a row error; 0 or blank is skipped', async () => {
    const rows: Cell[][] = [['台账月报项目乙', null, w.unitName, 3000, '储备', null, 100]];
    const bad = (await upload(await ytdLedger('1-10月完成投资', rows), true)).json();
    expect(bad.committed).toBe(false);
    expect(bad.errors.map((e: any) => `${e.row} ${e.field} ${e.code}`)).toEqual(['4 1-10月完成投资 projects.ledgerNotStarted']);
    rows[0][6] = 0;
    rows.push(['台账月报项目戊', null, w.unitName, 1000, '储备', null, null]);
    const ok = (await upload(await ytdLedger('1-10月完成投资', rows), true)).json();
    expect(ok).toMatchObject({ committed: true, created: 2, errors: [], reports: { period: '2026-10', created: 0, corrected: 0, unchanged: 0 } });
    expect(await reportsOf('台账月报项目乙')).toEqual([]);
  });

  it('a header without a month is named in a note and imports nothing; a month not begun is one error naming the column; a bad figure names the column and value', async () => {
    const before = await reportsOf(JIA);
    const rows: Cell[][] = [[JIA, code(11), w.unitName, 5000, '在建', '2026-03-01', 99999]];
    const res = (await upload(await ytdLedger('累计完成投资', rows), true)).json();
    expect(res).toMatchObject({ committed: true, errors: [], reports: { period: null, created: 0, corrected: 0, unchanged: 0 } });
    expect(res.notes.join()).toContain('“累计完成投资”列没有注明月份');
    expect(res.units.completedToDate).toBeUndefined();
    expect(await reportsOf(JIA)).toEqual(before);
    // December has not begun (the clock is in November): one error, on the header row, naming the column.
    const future = (await upload(await ytdLedger('1-12月完成投资', [...rows, ['台账月报项目己', code(15), w.unitName, 800, '在建', '2026-04-01', 10]]), true)).json();
    expect(future.committed).toBe(false);
    expect(future.errors.map((e: any) => `${e.row} ${e.field} ${e.code}`)).toEqual(['3 1-12月完成投资 projects.ledgerFuturePeriod']);
    expect(future.errors[0].message).toContain('1-12月完成投资');
    // A past year's December (year from the title) is fine to preview.
    expect((await upload(await ytdLedger('1-12月完成投资', rows, `${region}县2025年重大项目推进台账`))).json().reports.period).toBe('2025-12');
    rows[0][6] = '很多';
    const badNum = (await upload(await ytdLedger('1-10月完成投资', rows))).json();
    expect(badNum.errors.map((e: any) => `${e.row} ${e.field} ${e.code}`)).toEqual(['4 1-10月完成投资 projects.badAmount']);
    expect(badNum.errors[0].message).toContain('很多');
  });

  it('a bare "N月完成投资" (the month’s figure or the year’s?) is named in a note and not imported; 1-N月, 累计, 末 and 截至 are year to date', async () => {
    const before = await reportsOf(JIA);
    const rows: Cell[][] = [[JIA, code(11), w.unitName, 5000, '在建', '2026-03-01', 99999]];
    for (const header of ['10月完成投资', '10月份完成投资']) {
      const res = (await upload(await ytdLedger(header, rows), true)).json();
      expect(res).toMatchObject({ committed: true, errors: [], reports: { period: null, created: 0, corrected: 0, unchanged: 0 } });
      expect(res.notes.join()).toContain(`“${header}”列：该列是当月数还是累计数无法确定，未导入`);
      expect(res.notes.join()).toContain('is not imported');
      expect(res.units.completedToDate).toBeUndefined();
    }
    expect(await reportsOf(JIA)).toEqual(before);
    for (const header of ['1-10月完成投资', '1－10月完成投资', '1—10月完成投资', '1~10月完成投资', '1至10月完成投资', '10月末累计完成投资', '10月累计完成投资', '截至10月完成投资', '10月末完成投资']) {
      const pre = (await upload(await ytdLedger(header, rows))).json();
      expect([header, pre.reports.period]).toEqual([header, '2026-10']);
    }
    expect(ledgerPeriod('10月完成投资', '2026年台账', 2026)).toBeNull();
    expect(ledgerPeriod('2025年10月份完成投资', '', 2026)).toBeNull();
    expect(ledgerPeriod('截至2025年10月完成投资', '', 2026)).toBe('2025-10');
    expect(ledgerPeriod('3-10月完成投资', '', 2026)).toBeNull();
  });

  it('a 1-N月 column in 亿元 is converted to 万元', async () => {
    const rows: Cell[][] = [['台账月报项目丙', code(13), w.unitName, 20000, '在建', '2026-02-01', 0.12]];
    const res = (await upload(await ytdLedger('2026年1-10月完成投资（亿元）', rows, `${region}县重大项目推进台账`), true)).json();
    expect(res).toMatchObject({ committed: true, units: { completedToDate: '亿元' }, reports: { period: '2026-10', created: 1 } });
    expect((await reportsOf('台账月报项目丙')).map((r) => [r.period, r.amount])).toEqual([['2026-10', 1200]]);
  });
});
