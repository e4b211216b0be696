// The settings API through real HTTP: every setting the server keeps can be read and changed by the system
// administrator (the 重大项目 and 亩均 ones included); a unit list (mu.officeUnitIds, projects.libraryUnitIds) names
// units of the region only — anything else is a 400 naming the setting, with nothing written and nothing audited.
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../server/context.js';
import { getSetting } from '../server/platform/settings.js';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildRegion, buildUnit, buildUser, type Client } from './factories.js';
import { auditSince, expectProblem, lastSeq, signIn } from './world.js';

describeEachDb('settings API', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let sys: Client; let sup: Client;
  let fgw: string; let jxj: string; let elsewhere: string;
  beforeAll(async () => {
    ({ app, ctx } = await testApp(getDb()));
    const region = (await buildRegion(ctx)).code;
    const other = (await buildRegion(ctx)).code;
    const office = (await buildUnit(ctx, region, { kind: 'office' })).id;
    fgw = (await buildUnit(ctx, region, { name: '县发展和改革局' })).id;
    jxj = (await buildUnit(ctx, region, { name: '县经济和信息化局' })).id;
    elsewhere = (await buildUnit(ctx, other, { name: '邻县发展和改革局' })).id;
    sys = await signIn(app, ctx, await buildUser(ctx, { regionCode: region, unitId: office, roles: ['sysadmin'] }));
    sup = await signIn(app, ctx, await buildUser(ctx, { regionCode: region, unitId: office, roles: ['supervisor'] }));
  });

  it('reads every setting with its default, the 重大项目, 亩均 and reminder ones included', async () => {
    const res = await sys.get('/api/v1/settings');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      'notifications.digestHour': 8,
      'mu.officeUnitIds': [],
      'projects.categories': ['产业', '基础设施', '社会民生', '生态环保', '其他'],
      'projects.libraryUnitIds': [],
      'projects.reportDueDay': 5,
    });
  });

  it('sets the project library units, the categories and the 亩均 office; one audit entry with before and after', async () => {
    const seq = await lastSeq(ctx);
    const res = await sys.patch('/api/v1/settings', {
      'projects.libraryUnitIds': [fgw], 'projects.categories': ['产业', '基础设施', '乡村振兴'], 'mu.officeUnitIds': [jxj], 'notifications.digestHour': 9,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ 'projects.libraryUnitIds': [fgw], 'projects.categories': ['产业', '基础设施', '乡村振兴'], 'mu.officeUnitIds': [jxj], 'notifications.digestHour': 9 });
    expect(await getSetting(ctx, 'projects.libraryUnitIds')).toEqual([fgw]);
    expect(await getSetting(ctx, 'projects.categories')).toEqual(['产业', '基础设施', '乡村振兴']);
    const entries = await auditSince(ctx, seq);
    expect(entries.map((e) => e.action)).toEqual(['settings.update']);
    expect(JSON.parse(entries[0].beforeJson!)['projects.libraryUnitIds']).toEqual([]);
    expect(JSON.parse(entries[0].afterJson!)['projects.libraryUnitIds']).toEqual([fgw]);
    expect((await sys.get('/api/v1/settings')).json()['projects.libraryUnitIds']).toEqual([fgw]);
    // Emptied again: no unit keeps the library but the supervision office.
    expect((await sys.patch('/api/v1/settings', { 'projects.libraryUnitIds': [] })).json()['projects.libraryUnitIds']).toEqual([]);
    expect((await sys.patch('/api/v1/settings', { 'projects.libraryUnitIds': [fgw] })).statusCode).toBe(200);
  });

  it('refuses a unit of another region or an unknown id with 400 naming the setting; nothing changes', async () => {
    for (const [key, keep] of [['projects.libraryUnitIds', [fgw]], ['mu.officeUnitIds', [jxj]]] as const) {
      const seq = await lastSeq(ctx);
      const body = expectProblem(await sys.patch('/api/v1/settings', { [key]: [fgw, elsewhere, 'no-such-unit'] }), 400, 'invalid');
      expect(body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
        [`${key}/1`, 'settings.unknownUnit'], [`${key}/2`, 'settings.unknownUnit'],
      ]);
      expect(body.detail).toContain(key);
      expect(body.detail).toContain(elsewhere);
      expect(await getSetting(ctx, key)).toEqual(keep);
      expect(await auditSince(ctx, seq)).toEqual([]);
    }
    // Refused with other valid changes in the same request: none of them is written.
    expectProblem(await sys.patch('/api/v1/settings', { 'projects.reportDueDay': 9, 'projects.libraryUnitIds': [elsewhere] }), 400);
    expect(await getSetting(ctx, 'projects.reportDueDay')).toBe(5);
  });

  it('refuses a repeated unit or category, an empty category list, and anyone but the system administrator', async () => {
    expectProblem(await sys.patch('/api/v1/settings', { 'projects.libraryUnitIds': [fgw, fgw] }), 400);
    expectProblem(await sys.patch('/api/v1/settings', { 'projects.categories': ['产业', '产业'] }), 400);
    expectProblem(await sys.patch('/api/v1/settings', { 'projects.categories': [] }), 400);
    expectProblem(await sys.patch('/api/v1/settings', { 'projects.categories': [''] }), 400);
    expectProblem(await sup.patch('/api/v1/settings', { 'projects.libraryUnitIds': [fgw] }), 403);
    expect(await getSetting(ctx, 'projects.libraryUnitIds')).toEqual([fgw]);
  });
});
