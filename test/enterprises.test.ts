// 企业库: the registry API — who may write (the 亩均 office), who reads what (region-wide readers, a township its own
// enterprises, other units none), credit codes checked by GB 32100 / GB 11714 with an audited exception, parcels and
// tenancies, the registry's Excel round trip.
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../server/context.js';
import { describeEachDb } from './db.js';
import { buildUser } from './factories.js';
import { signIn } from './world.js';
import { testApp } from './app.js';
import { auditSince, expectProblem, lastSeq, countRows } from './world.js';
import { buildEnterpriseWorld, nextCreditCode, type EnterpriseWorld } from './enterprise-world.js';
import { buildXlsx, readXlsx } from './xlsx.js';
import { creditCheckChar } from '../server/modules/enterprises/credit-code.js';
import { enterpriseSnapshot } from '../server/modules/enterprises/snapshot.js';

describeEachDb('enterprises registry', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let w: EnterpriseWorld;
  beforeAll(async () => {
    ({ app, ctx } = await testApp(getDb()));
    w = await buildEnterpriseWorld(app, ctx);
  });

  const create = (body: Record<string, unknown>, c = w.office.staff) => c.post('/api/v1/enterprises', body);

  it('the office registers an enterprise; the code is normalized, facts are checked, a second one with the code is a conflict', async () => {
    const code = nextCreditCode(w.region);
    const res = await create({ creditCode: ` ${code.toLowerCase()} `, name: '示例精密机械有限公司', industryCode: 'C3484', townshipCode: w.township, park: '经济开发区', aboveScale: true, landAreaMu: 42.5, producingSince: '2018-05-01' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ creditCode: code, townshipName: expect.stringContaining('青石镇'), aboveScale: true, landAreaMu: 42.5, version: 1, codeOverrideReason: null });
    expectProblem(await create({ creditCode: code, name: '重复企业' }), 409, 'conflict.duplicate');
    const bad = expectProblem(await create({ creditCode: nextCreditCode(w.region), name: '坏数据企业', industryCode: '制造', townshipCode: `${w.region}999`, producingSince: '2020-01-01', closedOn: '2019-01-01' }), 400);
    expect(bad.errors.map((e: any) => `${e.field} ${e.code}`).sort()).toEqual(['closedOn enterprise.closedBeforeProducing', 'industryCode enterprise.industryCode', 'townshipCode enterprise.unknownTownship']);
  });

  it('refuses a wrong check character with the expected one named; shape errors cannot be overridden', async () => {
    const good = nextCreditCode(w.region);
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const body = expectProblem(await create({ creditCode: wrong, name: '校验错误企业' }), 400);
    expect(body.errors[0]).toMatchObject({ field: 'creditCode', code: 'enterprise.code.check' });
    expect(body.errors[0].message).toContain(`应为 ${good[17]}`);
    expectProblem(await create({ creditCode: '91990121MA12345', name: '位数不够企业', codeOverrideReason: '福建试点早期代码' }, w.office.admin), 400);
  });

  it('an administrator of the office accepts a failing code with a reason, audited; staff cannot', async () => {
    const first17 = `91${w.region}MA00001`; // organisation check deliberately wrong: MA000001 → see below
    const body8 = 'MA000001';
    const wrongOrg = first17.slice(0, 8) + body8 + 'Y'; // 'Y' is never a GB 11714 check character
    const code = wrongOrg + creditCheckChar(wrongOrg);
    const staff = expectProblem(await create({ creditCode: code, name: '早期试点企业', codeOverrideReason: '福建试点期间核发的早期代码，经市场监管局核实' }), 400);
    expect(staff.errors[0]).toMatchObject({ field: 'creditCode', code: 'enterprise.code.overrideNotAllowed' });
    const seq = await lastSeq(ctx);
    const res = await create({ creditCode: code, name: '早期试点企业', codeOverrideReason: '福建试点期间核发的早期代码，经市场监管局核实' }, w.office.admin);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().codeOverrideReason).toContain('福建试点');
    const entries = await auditSince(ctx, seq);
    expect(entries.map((e) => e.action)).toEqual(['enterprise.create', 'enterprise.codeOverride']);
    expect(JSON.parse(entries[1].afterJson!)).toMatchObject({ creditCode: code, reason: expect.stringContaining('福建试点'), problem: { kind: 'orgCheck' } });
    // Staff may still edit the other facts of that enterprise: the exception stays with the code.
    const upd = await w.office.staff.patch(`/api/v1/enterprises/${res.json().id}`, { version: 1, park: '城东工业园' });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json()).toMatchObject({ park: '城东工业园', codeOverrideReason: expect.stringContaining('福建试点'), version: 2 });
  });

  it('only the office writes: supervisor, leader, township staff, other bureau → 403; nothing written', async () => {
    const before = await countRows(ctx, 'enterprises');
    for (const c of [w.supervisor, w.leader, w.townshipStaff, w.otherUnitStaff, w.viewer]) {
      expectProblem(await create({ creditCode: nextCreditCode(w.region), name: '越权企业' }, c), 403);
    }
    expect(await countRows(ctx, 'enterprises')).toBe(before);
  });

  it('scope: region readers see all; a township sees only its own; another bureau sees none and gets 404', async () => {
    const inTown = (await create({ creditCode: nextCreditCode(w.region), name: '青石镇本地企业', townshipCode: w.township })).json();
    const elsewhere = (await create({ creditCode: nextCreditCode(w.region), name: '白马乡本地企业', townshipCode: w.otherTownship })).json();
    const names = async (c: typeof w.supervisor) => (await c.get('/api/v1/enterprises?pageSize=200')).json().items.map((e: any) => e.name);
    for (const c of [w.supervisor, w.leader, w.viewer, w.office.staff]) expect(await names(c)).toEqual(expect.arrayContaining(['青石镇本地企业', '白马乡本地企业']));
    const tw = await names(w.townshipStaff);
    expect(tw).toContain('青石镇本地企业');
    expect(tw).not.toContain('白马乡本地企业');
    expect(await names(w.otherTownshipStaff)).toEqual(expect.arrayContaining(['白马乡本地企业']));
    expect(await names(w.otherTownshipStaff)).not.toContain('青石镇本地企业');
    expect(await names(w.otherUnitStaff)).toEqual([]);
    expect((await w.townshipStaff.get(`/api/v1/enterprises/${inTown.id}`)).statusCode).toBe(200);
    expectProblem(await w.townshipStaff.get(`/api/v1/enterprises/${elsewhere.id}`), 404);
    expectProblem(await w.otherUnitStaff.get(`/api/v1/enterprises/${inTown.id}`), 404);
    const opts = (await w.townshipStaff.get('/api/v1/enterprises/options')).json();
    expect(opts.townships.map((t: any) => t.code)).toEqual([w.township]);
    expect(opts.canManage).toBe(false);
    expect((await w.office.admin.get('/api/v1/enterprises/options')).json()).toMatchObject({ canManage: true, canOverrideCode: true });
  });

  it('filters by township, park, 规上 and a search over name and code', async () => {
    const code = nextCreditCode(w.region);
    await create({ creditCode: code, name: '过滤测试纺织有限公司', townshipCode: w.otherTownship, park: '纺织园', aboveScale: false, landAreaMu: 8 });
    const q = async (qs: string) => (await w.supervisor.get(`/api/v1/enterprises?${qs}`)).json();
    expect((await q('q=过滤测试')).items.map((e: any) => e.creditCode)).toEqual([code]);
    expect((await q(`q=${code.slice(8, 16).toLowerCase()}`)).total).toBe(1);
    expect((await q(`park=${encodeURIComponent('纺织园')}`)).items.every((e: any) => e.park === '纺织园')).toBe(true);
    const small = await q(`aboveScale=false&townshipCode=${w.otherTownship}`);
    expect(small.items.length).toBeGreaterThan(0);
    expect(small.items.every((e: any) => !e.aboveScale && e.townshipCode === w.otherTownship)).toBe(true);
  });

  it('parcels make up the own land; a tenancy links tenant and landlord; the snapshot counts tenants and leaves out closed firms', async () => {
    const landlord = (await create({ creditCode: nextCreditCode(w.region), name: '出租厂房企业', aboveScale: true, landAreaMu: 10 })).json();
    const tenant = (await create({ creditCode: nextCreditCode(w.region), name: '承租小微企业' })).json();
    let d = (await w.office.staff.post(`/api/v1/enterprises/${landlord.id}/parcels`, { certificateNo: '示(2020)示例县不动产权第0001234号', areaMu: 30.5, landUse: '工业用地' })).json();
    d = (await w.office.staff.post(`/api/v1/enterprises/${landlord.id}/parcels`, { areaMu: 9.5 })).json();
    expect(d.parcels).toHaveLength(2);
    expect(d.enterprise.landAreaMu).toBe(40);
    expectProblem(await w.office.staff.post(`/api/v1/enterprises/${tenant.id}/tenancies`, { landlordId: tenant.id, areaMu: 2 }), 400, 'invalid');
    expectProblem(await w.office.staff.post(`/api/v1/enterprises/${tenant.id}/tenancies`, { landlordId: landlord.id, areaMu: 2, fromDate: '2024-01-01', toDate: '2023-01-01' }), 400);
    const t = await w.office.staff.post(`/api/v1/enterprises/${tenant.id}/tenancies`, { landlordId: landlord.id, parcelId: d.parcels[0].id, areaMu: 3, fromDate: '2023-01-01' });
    expect(t.statusCode, t.body).toBe(200);
    expect(t.json().rents[0]).toMatchObject({ landlordName: '出租厂房企业', areaMu: 3 });
    expect((await w.supervisor.get(`/api/v1/enterprises/${landlord.id}`)).json().tenants[0]).toMatchObject({ tenantName: '承租小微企业' });
    const closed = (await create({ creditCode: nextCreditCode(w.region), name: '已关停企业', producingSince: '2010-01-01', closedOn: '2023-06-30' })).json();
    const snap = await enterpriseSnapshot(ctx, ctx.db, w.region, 2025);
    expect(snap.find((e) => e.id === landlord.id)).toMatchObject({ tenantCount: 1, landAreaMu: 40, aboveScale: true, data: {} });
    expect(snap.find((e) => e.id === closed.id)).toBeUndefined();
    expect((await enterpriseSnapshot(ctx, ctx.db, w.region, 2023)).find((e) => e.id === closed.id)).toBeDefined();
  });

  it('optimistic version on update; delete refuses an enterprise with figures', async () => {
    const e = (await create({ creditCode: nextCreditCode(w.region), name: '版本测试企业' })).json();
    expect((await w.office.staff.patch(`/api/v1/enterprises/${e.id}`, { version: 1, name: '版本测试企业（更名）' })).statusCode).toBe(200);
    expectProblem(await w.office.staff.patch(`/api/v1/enterprises/${e.id}`, { version: 1, name: '旧版本覆盖' }), 409, 'conflict.version');
    await ctx.db.insertInto('enterpriseYearData').values({ enterpriseId: e.id, year: 2025, field: 'tax', value: 1, source: 'tax', batchId: null, updatedAt: new Date().toISOString() }).execute();
    expectProblem(await w.office.staff.delete(`/api/v1/enterprises/${e.id}`), 409, 'conflict.inUse');
    const f = (await create({ creditCode: nextCreditCode(w.region), name: '待删除企业' })).json();
    expect((await w.office.staff.delete(`/api/v1/enterprises/${f.id}`)).statusCode).toBe(200);
    expectProblem(await w.supervisor.get(`/api/v1/enterprises/${f.id}`), 404);
  });

  it('registry Excel: preview lists every bad row; commit is all-or-nothing; re-import updates by code; export re-imports', async () => {
    const twName = (await ctx.db.selectFrom('regions').select('name').where('code', '=', w.township).executeTakeFirstOrThrow()).name;
    const [a, b] = [nextCreditCode(w.region), nextCreditCode(w.region)];
    const wrong = a.slice(0, 17) + (a[17] === '0' ? '1' : '0');
    const header = ['序号', '统一社会信用代码', '企业名称', '所属乡镇', '规上企业', '自有用地面积（亩）', '投产日期', '行业代码'];
    const good = [[1, a, '表格导入甲公司', twName, '是', '12.5', '2019年6月', 'C13'], [2, b, '表格导入乙公司', '', '否', '', '2021.3.15', '']];
    const bad = await buildXlsx({
      titleRows: ['示例县规上工业企业名录'], header, rows: [...good,
        [3, wrong, '校验错企业', '', '', '', '', ''],
        [4, a, '重复代码企业', '', '', '', '', ''],
        [5, nextCreditCode(w.region), '未知乡镇企业', '不存在镇', '也许', '-3', '去年', '制造业'],
      ],
    });
    const before = await countRows(ctx, 'enterprises');
    const p = (await w.office.staff.upload('/api/v1/enterprises/import', 'r.xlsx', bad)).json();
    expect(p.errors.map((e: any) => `${e.row} ${e.field} ${e.code}`).sort()).toEqual([
      '5 统一社会信用代码 enterprise.code.check', '6 统一社会信用代码 enterprise.import.duplicateInFile',
      '7 所属乡镇 enterprise.unknownTownship', '7 投产日期 enterprise.import.badDate', '7 自有用地面积（亩） enterprise.import.negative',
      '7 行业代码 enterprise.industryCode', '7 规上企业 enterprise.import.badFlag',
    ]);
    expectProblem(await w.office.staff.upload('/api/v1/enterprises/import?commit=true', 'r.xlsx', bad), 400, 'import.badRows');
    expect(await countRows(ctx, 'enterprises')).toBe(before);
    const ok = await buildXlsx({ header, rows: good });
    expect((await w.office.staff.upload('/api/v1/enterprises/import?commit=true', 'r.xlsx', ok)).json()).toMatchObject({ committed: true, created: 2, updated: 0 });
    const again = await buildXlsx({ header: ['统一社会信用代码', '企业名称', '规上企业'], rows: [[a, '表格导入甲公司（更名）', '否']] });
    expect((await w.office.staff.upload('/api/v1/enterprises/import?commit=true', 'r.xlsx', again)).json()).toMatchObject({ committed: true, created: 0, updated: 1 });
    const got = (await w.supervisor.get(`/api/v1/enterprises?q=${a}`)).json().items;
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ name: '表格导入甲公司（更名）', aboveScale: false, landAreaMu: 12.5, producingSince: '2019-06-01', townshipCode: w.township, industryCode: 'C13', version: 2 });
    const exp = await w.office.staff.get('/api/v1/enterprises/export');
    expect(exp.statusCode).toBe(200);
    const rows = await readXlsx(exp.rawPayload);
    expect(rows[0].slice(0, 3)).toEqual(['统一社会信用代码', '企业名称', '行业代码']);
    const round = (await w.office.admin.upload('/api/v1/enterprises/import', 'export.xlsx', exp.rawPayload)).json();
    expect(round.errors).toEqual([]);
    expect(round.created).toBe(0);
    expectProblem(await w.townshipStaff.upload('/api/v1/enterprises/import', 'r.xlsx', ok), 403);
  });
  it('the system administrator names the 亩均 office in the settings; the new office writes, the old one no longer', async () => {
    const sys = await signIn(app, ctx, await buildUser(ctx, { regionCode: w.region, roles: ['sysadmin'] }));
    const otherUnitId = (await ctx.db.selectFrom('units').select('id').where('regionCode', '=', w.region).where('name', 'like', '县财政局%').executeTakeFirstOrThrow()).id;
    const res = await sys.patch('/api/v1/settings', { 'mu.officeUnitIds': [otherUnitId] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()['mu.officeUnitIds']).toEqual([otherUnitId]);
    expect((await create({ creditCode: nextCreditCode(w.region), name: '新亩均办登记企业' }, w.otherUnitStaff)).statusCode).toBe(201);
    expectProblem(await create({ creditCode: nextCreditCode(w.region), name: '旧亩均办登记企业' }), 403, 'enterprise.notOffice');
    expect((await sys.patch('/api/v1/settings', { 'mu.officeUnitIds': [w.officeUnitId] })).statusCode).toBe(200);
  });
});
