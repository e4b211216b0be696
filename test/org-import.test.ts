// Excel import and export of units and users: files as people hand them in (title rows, Chinese headers in any order,
// extra columns), a preview naming every bad row, all-or-nothing commits, re-imports that update, and round trips.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDb, openTestDatabase } from './db.js';
import { testApp } from './app.js';
import { buildRegion, buildUnit, buildUser, Client } from './factories.js';
import { auditSince, expectProblem, lastSeq, signIn, snapshotCounts } from './world.js';
import { buildXlsx, readXlsx } from './xlsx.js';
import type { Ctx } from '../server/context.js';
import { UNIT_COLUMNS } from '../server/modules/units/service.js';
import { USER_COLUMNS } from '../server/modules/users/service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TITLE = ['示例县2026年单位名册', '填表说明：带 * 的列必填'];

describeEachDb('Excel import and export', (getDb, dialect) => {
  let app: FastifyInstance; let ctx: Ctx; let region: string; let sys: Client;
  let target: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    ({ app, ctx } = await testApp(getDb()));
    region = (await buildRegion(ctx)).code;
    sys = await signIn(app, ctx, await buildUser(ctx, { regionCode: region, roles: ['sysadmin'] }));
    target = await openTestDatabase(dialect);
  });
  afterAll(async () => { await target?.drop(); });

  const upload = (c: Client, what: 'units' | 'users', buf: Buffer, commit = false) => c.upload(`/api/v1/${what}/import${commit ? '?commit=true' : ''}`, `${what}.xlsx`, buf);
  const unitNames = async () => (await ctx.db.selectFrom('units').select('name').where('regionCode', '=', region).execute()).map((u) => u.name).sort();

  // Headers out of order, a '*' on required ones, an extra column (备注) that is ignored.
  const header = ['备注', '上级单位', '单位类型*', '单位名称 *', '联系电话', '排序', '简称'];
  const goodRows = [
    ['', '县农业农村局', '中心', '县农业技术推广中心', '0999-6100001', 20, '农技中心'], // its parent comes further down
    ['牵头单位', '', '局委', '县农业农村局', '0999-6100002', 10, '农业农村局'],
    ['', '', '乡镇', '城关镇人民政府', '', '', '城关镇'],
  ];

  it('previews a file with title rows and reorganised headers: every bad row with its row number, field and reason', async () => {
    const file = await buildXlsx({
      titleRows: TITLE, header, rows: [
        ...goodRows,
        ['', '', '局委', '', '', '', ''], // row 7: no name
        ['', '', '部委', '县审计局', '', '', ''], // row 8: unknown kind
        ['', '', '局委', '县统计局', 'call me', '', ''], // row 9: bad phone
        ['', '', '局委', '县统计局', '', '-3', ''], // row 10: duplicate in the file; negative sort order
        ['', '县不存在局', '局委', '县司法局', '', '', ''], // row 11: unknown parent
        ['', '县信访局', '局委', '县信访局', '', '', ''], // row 12: its own parent
      ],
    });
    const before = await snapshotCounts(ctx);
    const res = await upload(sys, 'units', file);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ committed: false, total: 9, created: 9, updated: 0 });
    const got = p.errors.map((e: any) => `${e.row} ${e.field} ${e.code}`).sort();
    expect(got).toEqual([
      '10 单位名称 conflict.duplicate', '10 排序 invalid.type', '11 上级单位 invalid.value', '12 上级单位 invalid.value',
      '7 单位名称 invalid.required', '8 单位类型 invalid.enum', '9 联系电话 invalid.pattern',
    ]);
    for (const e of p.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    expect(p.errors.find((e: any) => e.row === 8).message).toContain('局委');
    expect(await snapshotCounts(ctx)).toEqual(before);
  });

  it('commits nothing when any row is bad (400 import.badRows with the rows)', async () => {
    const file = await buildXlsx({ titleRows: TITLE, header, rows: [...goodRows, ['', '', '部委', '县审计局', '', '', '']] });
    const before = await snapshotCounts(ctx);
    const body = expectProblem(await upload(sys, 'units', file, true), 400, 'import.badRows');
    expect(body.errors).toEqual([expect.objectContaining({ row: 7, field: '单位类型', code: 'invalid.enum' })]);
    expect(body.title).toMatch(/1 行/);
    expect(await snapshotCounts(ctx)).toEqual(before);
  });

  it('refuses a loop of parents inside the file', async () => {
    const file = await buildXlsx({ header: ['单位名称', '单位类型', '上级单位'], rows: [['县甲中心', '中心', '县乙中心'], ['县乙中心', '中心', '县甲中心']] });
    const p = (await upload(sys, 'units', file)).json();
    expect(p.errors.map((e: any) => `${e.row} ${e.field}`).sort()).toEqual(['2 上级单位', '3 上级单位']);
  });

  it('names the missing required columns and refuses files that are not spreadsheets of units', async () => {
    const noKind = await buildXlsx({ titleRows: TITLE, header: ['单位名称', '电话'], rows: [['县档案馆', '123']] });
    const body = expectProblem(await upload(sys, 'units', noKind), 400, 'import.missingColumn');
    expect(body.title).toContain('单位类型');
    expectProblem(await upload(sys, 'units', await buildXlsx({ header: ['单位名称', '单位类型'], rows: [] })), 400, 'import.empty');
  });

  it('commits a good file whole, in one audit entry, and a re-import updates instead of duplicating', async () => {
    const file = await buildXlsx({ titleRows: TITLE, header, rows: goodRows });
    const seq = await lastSeq(ctx);
    const res = await upload(sys, 'units', file, true);
    expect(res.json(), res.body).toMatchObject({ committed: true, total: 3, created: 3, updated: 0, errors: [] });
    const entries = await auditSince(ctx, seq);
    expect(entries.map((e) => e.action)).toEqual(['unit.import']);
    const list = (await sys.get('/api/v1/units?pageSize=200')).json().items;
    const by = new Map(list.map((u: any) => [u.name, u]));
    expect(by.get('县农业技术推广中心')).toMatchObject({ kind: 'office', parentName: '县农业农村局', shortName: '农技中心', sortOrder: 20, phone: '0999-6100001' });
    expect(by.get('县农业农村局')).toMatchObject({ kind: 'bureau', parentId: null, version: 1 });
    expect(by.get('城关镇人民政府')).toMatchObject({ kind: 'township', phone: null, sortOrder: 0 });

    const changed = await buildXlsx({ header: ['单位名称', '单位类型', '联系电话', '上级单位'], rows: [['县农业农村局', '局委', '0999-7777777', ''], ['县农业技术推广中心', '中心', '', '县农业农村局'], ['县林业局', '局委', '', '']] });
    expect((await upload(sys, 'units', changed)).json()).toMatchObject({ total: 3, created: 1, updated: 2, errors: [] });
    expect((await upload(sys, 'units', changed, true)).json()).toMatchObject({ committed: true, created: 1, updated: 2 });
    const names = await unitNames();
    expect(names.filter((n) => n === '县农业农村局')).toHaveLength(1);
    expect(names).toContain('县林业局');
    const bureau = (await sys.get('/api/v1/units?q=县农业农村局')).json().items[0];
    expect(bureau).toMatchObject({ phone: '0999-7777777', version: 2 });
  });

  it('exports units with the import columns as header; the export re-imports cleanly, here and into another database', async () => {
    const res = await sys.get('/api/v1/units/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toMatch(/filename\*=UTF-8''%E5%8D%95%E4%BD%8D-\d{4}-\d{2}-\d{2}\.xlsx/);
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual([...UNIT_COLUMNS.map((c) => c.headers[0]), '用户数']);
    const before = await unitNames();
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(before);
    const again = (await upload(sys, 'units', res.rawPayload, true)).json();
    expect(again).toMatchObject({ committed: true, total: before.length, created: 0, updated: before.length, errors: [] });
    expect(await unitNames()).toEqual(before);

    const other = await testApp(target.database);
    const otherRegion = (await buildRegion(other.ctx)).code;
    const otherSys = await signIn(other.app, other.ctx, await buildUser(other.ctx, { regionCode: otherRegion, roles: ['sysadmin'] }));
    expect((await upload(otherSys, 'units', res.rawPayload, true)).json()).toMatchObject({ committed: true, created: before.length, updated: 0 });
    const copied = (await otherSys.get('/api/v1/units?pageSize=200')).json().items;
    const original = (await sys.get('/api/v1/units?pageSize=200')).json().items;
    const shape = (u: any) => [u.name, u.shortName, u.kind, u.parentName, u.sortOrder, u.phone];
    expect(copied.map(shape).sort()).toEqual(original.map(shape).sort());
    await other.app.close();
  });

  it('imports users with 所属单位 by name or short name; each gets a one-time password that must be changed', async () => {
    const unit = await buildUnit(ctx, region, { name: '县统计局' });
    await ctx.db.updateTable('units').set({ shortName: '统计局' }).where('id', '=', unit.id).execute();
    const header = ['序号', '姓名', '所属单位', '用户名', '职务', '手机', '角色'];
    const file = await buildXlsx({ titleRows: ['用户导入'], header, rows: [[1, '王小明', '县统计局', 'wangxm', '科员', '13900000001', ''], [2, '李华', '统计局', 'lihua', '', '', '']] });
    const preview = (await upload(sys, 'users', file)).json();
    expect(preview).toMatchObject({ committed: false, total: 2, errors: [], credentials: [] });
    const seq = await lastSeq(ctx);
    const res = (await upload(sys, 'users', file, true)).json();
    expect(res).toMatchObject({ committed: true, total: 2, created: 2, errors: [] });
    expect(res.credentials.map((c: any) => c.username).sort()).toEqual(['lihua', 'wangxm']);
    expect((await auditSince(ctx, seq)).map((e) => e.action)).toEqual(['user.import']);
    const users = (await sys.get(`/api/v1/users?unitId=${unit.id}`)).json().items;
    expect(users.map((u: any) => [u.username, u.displayName, u.unitName, u.mustChangePassword]).sort()).toEqual([['lihua', '李华', '县统计局', true], ['wangxm', '王小明', '县统计局', true]]);
    const first = res.credentials[0];
    expect((await new Client(app).login({ username: first.username, password: first.temporaryPassword })).json().stage).toBe('password');
  });

  it('previews bad user rows (pattern, duplicates, unknown unit and role, roles the system administrator may not grant); re-import never duplicates', async () => {
    const header = ['用户名', '姓名', '所属单位', '角色'];
    const file = await buildXlsx({ header, rows: [
      ['wangxm', '王小明', '县统计局', ''], // row 2: exists already
      ['bad name!', '某某', '', ''], // row 3: pattern
      ['newone', '新人', '县不存在局', ''], // row 4: unknown unit
      ['newtwo', '新二', '', '超级管理员'], // row 5: unknown role
      ['newthree', '新三', '', '督查室'], // row 6: 三员分立 — roles are granted by the security administrator
      ['newfour', '新四', '', ''], ['newfour', '新四', '', ''], // row 8: duplicate in the file
    ] });
    const before = await snapshotCounts(ctx);
    const p = (await upload(sys, 'users', file)).json();
    expect(p.errors.map((e: any) => `${e.row} ${e.field} ${e.code}`).sort()).toEqual([
      '2 用户名 conflict.duplicate', '3 用户名 invalid.pattern', '4 所属单位 invalid.value', '5 角色 invalid.enum', '6 角色 forbidden', '8 用户名 conflict.duplicate',
    ]);
    expectProblem(await upload(sys, 'users', file, true), 400, 'import.badRows');
    expect(await snapshotCounts(ctx)).toEqual(before);
  });

  it('exports users with the import columns; an export without roles re-imports cleanly into another county', async () => {
    const unitAdmin = await signIn(app, ctx, await buildUser(ctx, { regionCode: region, unitId: (await ctx.db.selectFrom('units').select('id').where('name', '=', '县统计局').where('regionCode', '=', region).executeTakeFirstOrThrow()).id, roles: ['unit_admin'] }));
    const res = await sys.get('/api/v1/users/export');
    expect(res.headers['content-type']).toBe(XLSX);
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual([...USER_COLUMNS.map((c) => c.headers[0]), '状态']);
    const mine = await readXlsx((await unitAdmin.get('/api/v1/users/export')).rawPayload);
    expect(new Set(mine.slice(1).map((r) => r[2]))).toEqual(new Set(['县统计局']));

    // Round trip: the statistics bureau's role-less users into a fresh county of another database that has the bureau.
    const all = rows;
    const keep = all.filter((r, i) => i === 0 || (r[2] === '县统计局' && r[5] === ''));
    expect(keep.length).toBe(3);
    const other = await testApp(target.database);
    const r2 = (await buildRegion(other.ctx)).code;
    await buildUnit(other.ctx, r2, { name: '县统计局' });
    const otherSys = await signIn(other.app, other.ctx, await buildUser(other.ctx, { regionCode: r2, roles: ['sysadmin'] }));
    const file = await buildXlsx({ header: keep[0], rows: keep.slice(1) });
    const imported = (await upload(otherSys, 'users', file, true)).json();
    expect(imported).toMatchObject({ committed: true, total: 2, created: 2, errors: [] });
    const copied = (await otherSys.get('/api/v1/users?pageSize=200')).json().items.filter((u: any) => u.unitName === '县统计局');
    expect(copied.map((u: any) => [u.username, u.displayName, u.title, u.phone]).sort()).toEqual(keep.slice(1).map((r) => [r[0], r[1], r[3] || null, r[4] || null]).sort());
    await other.app.close();
  });
});
