// Import of a project ledger as counties keep it: title rows, a unit note, two-row merged headers ("1-10月完成投资"
// over "万元"), 亿元 amounts, shuffled and extra columns, a section row, blank rows and a 合计 row; a preview naming
// every bad row, all-or-nothing on both databases, and a re-import that updates (by code, else by name).
import { beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildUnit, buildUser, Client } from './factories.js';
import { buildWorld, expectProblem, signIn, type World } from './world.js';
import type { Ctx } from '../server/context.js';
import { putSetting } from '../server/platform/settings.js';

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
  let app: FastifyInstance; let ctx: Ctx; let w: World; let fgw: Client; let region: string; let town: string; let leaderName: string;
  beforeAll(async () => {
    ({ app, ctx } = await testApp(getDb()));
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
  // Columns shuffled; 备注 is extra; amounts in 亿元 for 总投资 (its sub-header), 万元 for the year plan; 1-10月完成投资 is report data.
  const top: Cell[] = ['序号', '牵头单位', '项目名称', '总投资', '2026年计划投资', '1-10月完成投资', '建设性质及年限', null, '项目阶段', '包抓领导', '所在乡镇', '投资项目统一代码', '备注'];
  const sub: Cell[] = [null, null, null, '亿元', '万元', '万元', '计划开工', '计划竣工', null, null, null, null, null];
  const mergeDown = [1, 2, 3, 9, 10, 11, 12, 13];
  const titles = () => [`${region}县2026年重大项目推进台账`, '填报单位：县发改局　　单位：万元'];
  const good = (): Cell[][] => [
    [null, '一、产业项目', null, null, null, null, null, null, null, null, null, null, null],
    [1, w.unitName, '年产5万吨新材料项目', 3.5, 8000, 5200, '2026.3', '2027年12月', '在建', leaderName, town, code(1), '省重点'],
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
});
