import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildLeader, buildRegion, buildUnit, buildUser, Client } from './factories.js';
import type { Ctx } from '../server/context.js';
import type { TestClock } from '../server/platform/clock.js';

type Cell = string | number | Date | null;
/** A sheet as people hand it in: title rows above the header, the columns in their own order. */
async function sheet(titleRows: string[], header: string[], rows: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('议定事项');
  for (const t of titleRows) ws.addRow([t]);
  if (titleRows.length) ws.mergeCells(1, 1, 1, header.length);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r.map((v) => (v === null ? undefined : v)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const HEADER = ['牵头单位', '序号', '完成时限', '议定事项', '具体内容', '配合单位', '责任领导', '反馈频次', '级别', '来源', '会议名称', '文号'];
const row = (o: Partial<Record<(typeof HEADER)[number], Cell>>): Cell[] => HEADER.map((h) => o[h] ?? null);

describeEachDb('批量交办 bulk creation, import and export', (getDb, dialect) => {
  let app: FastifyInstance; let ctx: Ctx; let clock: TestClock;
  let region: string; let transport: string; let housing: string; let finance: string; let land: string;
  let sup: Client; let staff: Client; let leaderId: string;
  const marker = `M${Math.random().toString(36).slice(2, 8)}`;
  const counts = async () => {
    const n = async (t: 'tasks' | 'task_events' | 'audit_log' | 'task_co_units') => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(ctx.db)).rows[0].n);
    return { tasks: await n('tasks'), events: await n('task_events'), audit: await n('audit_log'), co: await n('task_co_units') };
  };

  beforeAll(async () => {
    ({ app, ctx, clock } = await testApp(getDb()));
    clock.set('2026-11-02T01:00:00Z');
    region = (await buildRegion(ctx)).code;
    transport = (await buildUnit(ctx, region, { name: '交通运输局' })).id;
    housing = (await buildUnit(ctx, region, { name: '住房和城乡建设局' })).id;
    finance = (await buildUnit(ctx, region, { name: '财政局' })).id;
    land = (await buildUnit(ctx, region, { name: '自然资源局' })).id;
    const cg1 = (await buildUnit(ctx, region, { name: '城市管理局' })).id;
    const cg2 = (await buildUnit(ctx, region, { name: '城管执法大队' })).id;
    for (const [id, shortName] of [[transport, '交通局'], [housing, '住建局'], [cg1, '城管'], [cg2, '城管']]) {
      await ctx.db.updateTable('units').set({ shortName }).where('id', '=', id).execute();
    }
    const office = (await buildUnit(ctx, region, { name: '县委督查室' })).id;
    sup = new Client(app); await sup.login(await buildUser(ctx, { regionCode: region, unitId: office, roles: ['supervisor'] }));
    staff = new Client(app); await staff.login(await buildUser(ctx, { regionCode: region, unitId: transport, roles: ['unit_staff'] }));
    const leader = await buildUser(ctx, { regionCode: region, unitId: office, roles: ['leader'], displayName: '张伟' });
    await buildLeader(ctx, leader, [transport], '副县长');
    leaderId = leader.id;
  });

  const goodSheet = () => sheet(['示例县人民政府第12次常务会议议定事项清单', '（2026年11月2日）'], HEADER, [
    row({ 序号: 1, 议定事项: `${marker}推进城区主干道改造`, 具体内容: '年底前完成路面铺设', 牵头单位: '交通局', 配合单位: '住建局、财政局', 完成时限: new Date(Date.UTC(2026, 11, 31)), 责任领导: '张伟', 反馈频次: '每月', 级别: '重点', 会议名称: '县政府第12次常务会议', 文号: '示常纪〔2026〕12号' }),
    row({ 序号: 2, 议定事项: `${marker}老旧小区改造`, 牵头单位: '住房和城乡建设局', 配合单位: '财政局，自然资源局', 完成时限: '2027年3月31日', 反馈频次: '每月15日', 级别: '一般', 来源: '会议议定事项', 会议名称: '县政府第12次常务会议' }),
    row({ 序号: 3, 议定事项: `${marker}拨付道路改造资金`, 牵头单位: '财政局', 完成时限: '2026.12.15', 责任领导: '张伟副县长', 反馈频次: '一次性', 级别: '特急', 来源: '领导批示', 文号: '张伟批示〔2026〕8号' }),
    row({ 序号: 4, 议定事项: `${marker}完成用地报批`, 牵头单位: '自然资源局', 完成时限: '2026年底前', 来源: '年度重点工作' }),
  ]);

  it('previews a meeting\'s decisions (title rows, shuffled headers, dates as cells and as text) and commits them all in one step', async () => {
    const file = await goodSheet();
    const before = await counts();
    const preview = await sup.upload('/api/v1/tasks/import', '议定事项.xlsx', file);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ committed: false, total: 4, created: 0, errors: [], tasks: [] });
    expect(await counts()).toEqual(before); // a preview writes nothing

    const res = await sup.upload('/api/v1/tasks/import?commit=true', '议定事项.xlsx', file);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ committed: true, total: 4, created: 4, errors: [] });
    expect(body.tasks.map((t: any) => t.row)).toEqual([4, 5, 6, 7]); // sheet rows under the two title rows and the header
    const list = (await sup.get(`/api/v1/tasks?q=${marker}&pageSize=50&sort=deadline`)).json().items;
    const got = Object.fromEntries(list.map((t: any) => [t.title.replace(marker, ''), t]));
    expect(got['推进城区主干道改造']).toMatchObject({
      source: 'meeting', sourceTitle: '县政府第12次常务会议', sourceRef: '示常纪〔2026〕12号', content: '年底前完成路面铺设', deadline: '2026-12-31',
      cadence: 'monthly', level: 'key', leadUnit: { id: transport }, leader: { id: leaderId, name: '张伟' },
    });
    expect(got['推进城区主干道改造'].coUnits.map((u: any) => u.id).sort()).toEqual([housing, finance].sort());
    expect(got['老旧小区改造']).toMatchObject({ deadline: '2027-03-31', cadence: 'day_of_month', cadenceDay: 15, level: 'normal', leadUnit: { id: housing } });
    expect(got['拨付道路改造资金']).toMatchObject({ source: 'instruction', deadline: '2026-12-15', cadence: 'once', level: 'urgent', leader: { id: leaderId } });
    expect(got['完成用地报批']).toMatchObject({ source: 'key_work', deadline: '2026-12-31', leadUnit: { id: land } });
    const after = await counts();
    expect(after.tasks - before.tasks).toBe(4);
    expect(after.audit - before.audit).toBe(5); // one per task (task.assign) and the import itself
  });

  it('warns when a unit would be asked the same thing twice (减负), without refusing', async () => {
    const dup = await sheet([], ['议定事项', '牵头单位', '完成时限', '来源'], [
      [`${marker}推进城区主干道改造`, '交通运输局', '2026-12-31', '领导批示'],
      ['新增一项完全不同的工作安排', '财政局', '2026-12-31', '领导批示'],
      ['新增一项完全不同的工作安排', '财政局', '2026-12-30', '领导批示'],
    ]);
    const body = (await sup.upload('/api/v1/tasks/import', 'dup.xlsx', dup)).json();
    expect(body.errors).toEqual([]);
    expect(body.warnings.map((w: any) => [w.row, w.code])).toEqual([[2, 'task.similarOpen'], [4, 'task.import.duplicateInFile']]);
    expect(body.warnings[0].message).toMatch(/该单位已有相近的在办事项 2026-\d{4}/);
  });

  it('reports every bad row with its number, column and reason, and writes nothing on commit', async () => {
    const bad = await sheet(['议定事项清单'], HEADER, [
      row({ 议定事项: '', 牵头单位: '财政局', 完成时限: '2026-12-31', 来源: '领导批示', 具体内容: '缺少事项名称' }), // row 3
      row({ 议定事项: '不存在的牵头单位', 牵头单位: '不存在局', 完成时限: '2026-12-31', 来源: '领导批示' }),
      row({ 议定事项: '简称对应多个单位', 牵头单位: '城管', 完成时限: '2026-12-31', 来源: '领导批示' }),
      row({ 议定事项: '没有牵头单位', 完成时限: '2026-12-31', 来源: '领导批示' }),
      row({ 议定事项: '长期性工作', 牵头单位: '财政局', 完成时限: '长期', 来源: '领导批示' }),
      row({ 议定事项: '日期不存在', 牵头单位: '财政局', 完成时限: '2026-02-30', 来源: '领导批示' }),
      row({ 议定事项: '截止日期已过', 牵头单位: '财政局', 完成时限: new Date(Date.UTC(2026, 9, 1)), 来源: '领导批示' }),
      row({ 议定事项: '反馈太频繁', 牵头单位: '财政局', 完成时限: '2026-12-31', 来源: '领导批示', 反馈频次: '每天' }),
      row({ 议定事项: '反馈日不存在', 牵头单位: '财政局', 完成时限: '2026-12-31', 来源: '领导批示', 反馈频次: '每月31日' }),
      row({ 议定事项: '级别不对', 牵头单位: '财政局', 完成时限: '2026-12-31', 来源: '领导批示', 级别: '超级' }),
      row({ 议定事项: '来源不明', 牵头单位: '财政局', 完成时限: '2026-12-31', 来源: '其他' }),
      row({ 议定事项: '没有来源也没有会议', 牵头单位: '财政局', 完成时限: '2026-12-31' }),
      row({ 议定事项: '领导不存在', 牵头单位: '财政局', 完成时限: '2026-12-31', 来源: '领导批示', 责任领导: '李四' }),
      row({ 议定事项: '配合单位就是牵头单位', 牵头单位: '财政局', 完成时限: '2026-12-31', 来源: '领导批示', 配合单位: '财政局、交通局' }),
      row({ 议定事项: '配合单位不存在', 牵头单位: '财政局', 完成时限: '2026-12-31', 来源: '领导批示', 配合单位: '交通局；外星局' }),
      row({ 议定事项: '短', 牵头单位: '财政局', 完成时限: '2026-12-31', 来源: '领导批示' }),
      row({ 议定事项: '这一行没有问题', 牵头单位: '财政局', 完成时限: '2026-12-31', 来源: '领导批示' }), // row 19
    ]);
    const preview = (await sup.upload('/api/v1/tasks/import', 'bad.xlsx', bad)).json();
    expect(preview.committed).toBe(false);
    expect(preview.total).toBe(17);
    expect(preview.errors.map((e: any) => `${e.row} ${e.field} ${e.code}`)).toEqual([
      '3 事项名称 invalid.required',
      '4 牵头单位 task.import.unknownUnit',
      '5 牵头单位 task.import.ambiguous',
      '6 牵头单位 invalid.required',
      '7 完成时限 task.import.deadlineOngoing',
      '8 完成时限 task.import.badDate',
      '9 完成时限 task.deadlineBeforeStart',
      '10 反馈频次 invalid.enum',
      '11 反馈频次 task.cadenceDayRange',
      '12 级别 invalid.enum',
      '13 来源 invalid.enum',
      '14 来源 invalid.required',
      '15 责任领导 task.import.unknownLeader',
      '16 配合单位 task.import.coUnitIsLead',
      '17 配合单位 task.import.unknownUnit',
      '18 事项名称 invalid.minLength',
    ]);
    expect(preview.errors.find((e: any) => e.row === 7).message).toContain('长期性工作请写明本期完成时限');
    expect(preview.errors.find((e: any) => e.row === 17).message).toBe('找不到单位“外星局”');

    const before = await counts();
    const res = await sup.upload('/api/v1/tasks/import?commit=true', 'bad.xlsx', bad);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('import.badRows');
    expect(res.json().title).toBe('有 16 行数据有误，未导入任何数据');
    expect(res.json().errors).toHaveLength(16);
    expect(await counts()).toEqual(before); // all or nothing: not even the good row
  });

  it('refuses what is not a task sheet, and anyone but the 督查室', async () => {
    const noColumn = await sheet([], ['议定事项', '牵头单位'], [['缺少完成时限列', '财政局']]);
    const r = await sup.upload('/api/v1/tasks/import', 'x.xlsx', noColumn);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'import.missingColumn' });
    expect((await sup.upload('/api/v1/tasks/import', 'x.csv', Buffer.from('a,b'))).statusCode).toBe(400);
    expect((await sup.upload('/api/v1/tasks/import', 'x.xlsx', Buffer.from('not a zip'))).json().code).toBe('import.notXlsx');
    const before = await counts();
    expect((await staff.upload('/api/v1/tasks/import?commit=true', 'g.xlsx', await goodSheet())).statusCode).toBe(403);
    expect((await staff.post('/api/v1/tasks/bulk', { rows: [{ title: '单位不能交办', leadUnitId: finance, source: 'meeting', deadline: '2026-12-31' }] })).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('exports any list in the import\'s layout plus status and colour, and the export imports again', async () => {
    const res = await sup.get(`/api/v1/tasks/export?q=${marker}&sort=deadline`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as any);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell('A1').value)).toMatch(/^督办事项清单/);
    const header = (ws.getRow(2).values as string[]).slice(1);
    expect(header).toEqual(['序号', '编号', '事项名称', '具体内容', '来源', '来源文号', '会议名称', '会议日期', '责任领导', '牵头单位', '配合单位', '完成时限', '反馈频次', '级别', '状态', '进度', '红黄绿灯', '灯色原因']);
    const first = Object.fromEntries(header.map((h, i) => [h, ws.getRow(3).getCell(i + 1).value]));
    expect(first).toMatchObject({ 事项名称: `${marker}拨付道路改造资金`, 来源: '领导批示', 责任领导: '张伟', 牵头单位: '财政局', 完成时限: '2026-12-15', 反馈频次: '一次性', 级别: '特急', 状态: '待签收', 红黄绿灯: '绿灯' });
    expect(String(first.灯色原因)).toMatch(/按计划推进/);
    expect(ws.rowCount).toBe(6);

    // Round trip: the exported file previews clean (each row flagged as already open), then creates the same tasks.
    const again = await sup.upload('/api/v1/tasks/import?commit=true', '导出.xlsx', Buffer.from(res.rawPayload));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ committed: true, created: 4, errors: [] });
    expect(again.json().warnings.filter((w: any) => w.code === 'task.similarOpen').map((w: any) => w.row)).toEqual([3, 4, 5, 6]);
    const pick = (t: any) => [t.title, t.source, t.sourceRef, t.sourceTitle, t.leadUnit.id, t.coUnits.map((u: any) => u.id).sort().join(), t.leader?.id ?? null, t.deadline, t.cadence, t.cadenceDay, t.level];
    const all = (await sup.get(`/api/v1/tasks?q=${marker}&pageSize=50`)).json().items.map(pick).map((x: unknown[]) => JSON.stringify(x)).sort();
    expect(all).toHaveLength(8);
    for (let i = 0; i < 8; i += 2) expect(all[i]).toBe(all[i + 1]); // every task twice, identical
  });

  it('creates a pasted list over defaults, by unit and leader names or ids', async () => {
    const res = await sup.post('/api/v1/tasks/bulk', {
      defaults: { source: 'meeting', sourceTitle: '县政府第13次常务会议', sourceDate: '2026-11-02', deadline: '2026-12-31', cadence: 'monthly' },
      rows: [
        { title: `${marker}粘贴一：清理占道经营`, leadUnitName: '交通局' },
        { title: `${marker}粘贴二：安排专项资金`, leadUnitId: finance, coUnitNames: ['住建局', '自然资源局'] },
        { title: `${marker}粘贴三：完成年度评估`, leadUnitName: '住房和城乡建设局', deadline: '2027-01-29', leaderName: '张伟', cadence: 'once' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ committed: true, total: 3, created: 3, errors: [] });
    const list = (await sup.get(`/api/v1/tasks?q=${marker}粘贴&pageSize=50`)).json().items;
    const byNo = Object.fromEntries(list.map((t: any) => [t.title.slice(marker.length, marker.length + 3), t]));
    expect(Object.keys(byNo).sort()).toEqual(['粘贴一', '粘贴三', '粘贴二']);
    const facts = (t: any) => [t.leadUnit.id, t.deadline, t.cadence, t.source, t.sourceTitle, t.sourceDate];
    expect(facts(byNo['粘贴一'])).toEqual([transport, '2026-12-31', 'monthly', 'meeting', '县政府第13次常务会议', '2026-11-02']);
    expect(facts(byNo['粘贴二'])).toEqual([finance, '2026-12-31', 'monthly', 'meeting', '县政府第13次常务会议', '2026-11-02']);
    expect(facts(byNo['粘贴三'])).toEqual([housing, '2027-01-29', 'once', 'meeting', '县政府第13次常务会议', '2026-11-02']);
    expect(byNo['粘贴二'].coUnits.map((u: any) => u.id).sort()).toEqual([housing, land].sort());
    expect(byNo['粘贴三'].leader.id).toBe(leaderId);
  });

  it('refuses a pasted list with any bad row, reporting each, and creates none', async () => {
    const before = await counts();
    const body = { defaults: { source: 'meeting', deadline: '2026-12-31' }, rows: [
      { title: '这一行没有问题的工作', leadUnitId: finance },
      { title: '牵头单位名称写错了', leadUnitName: '不存在局' },
      { title: '没有写牵头单位' },
      { title: '截止日期已经过去了', leadUnitId: finance, deadline: '2026-10-30' },
      { title: '特急事项每周反馈进展', leadUnitId: finance, cadence: 'weekly', level: 'urgent' },
    ] };
    const preview = await sup.post('/api/v1/tasks/bulk?preview=true', body);
    expect(preview.statusCode).toBe(200);
    expect(preview.json().committed).toBe(false);
    const res = await sup.post('/api/v1/tasks/bulk', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: any) => `${e.row} ${e.field} ${e.code}`)).toEqual([
      '2 leadUnitName task.import.unknownUnit', '3 leadUnitId invalid.required', '4 deadline task.deadlineBeforeStart',
    ]);
    const schema = await sup.post('/api/v1/tasks/bulk', { rows: [{ title: '好的一行工作', leadUnitId: finance }, { leadUnitId: finance }] });
    expect(schema.statusCode).toBe(400);
    expect(schema.json().errors.map((e: any) => e.field)).toContain('rows/1/title');
    expect(await counts()).toEqual(before);
    void dialect;
  });
});
