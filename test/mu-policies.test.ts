// 差别化政策: definitions kept by the 亩均 office (validated, audited, versioned), and the lists they produce from published
// runs — consecutive years in D across years, a year without a published run breaking the streak — for the acting
// body, on screen and in Excel; each reader sees the enterprises of his scope.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildRegion, buildUser, type Client } from './factories.js';
import { auditSince, buildWorld, countRows, expectProblem, lastSeq, signIn, type World } from './world.js';
import { readXlsx } from './xlsx.js';
import { buildTownships, creditCodeOf, insertRun, setMuOffice, type FixtureResult } from './mu-analysis-fixtures.js';
import type { Ctx } from '../server/context.js';

const landTax = {
  name: '城镇土地使用税减免', body: '国家税务总局示例县税务局', kind: 'reduction', unit: '%', basis: '浙政办发〔2019〕62号', fromYear: 2024,
  terms: [{ class: 'A', minYears: 1, value: 100, text: null }, { class: 'B', minYears: 1, value: 80, text: null }],
};
const surcharge = {
  name: 'D类企业差别电价', body: '国网示例县供电公司', kind: 'surcharge', unit: '元/千瓦时', fromYear: 2024, toYear: 2030,
  terms: [{ class: 'D', minYears: 1, value: 0.1, text: null }, { class: 'D', minYears: 2, value: 0.2, text: null }, { class: 'D', minYears: 3, value: 0.3, text: null }],
};

describeEachDb('亩均 differentiated policies', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let w: World;
  let office: Client; let townStaff: Client; let otherUnit: Client;
  let towns: Awaited<ReturnType<typeof buildTownships>>;
  let landTaxId: string; let surchargeId: string;

  beforeAll(async () => {
    ({ app, ctx } = await testApp(getDb()));
    w = await buildWorld(app, ctx);
    await setMuOffice(ctx, [w.unitId]);
    office = w.clients.unit_staff;
    towns = await buildTownships(ctx, w.region);
    townStaff = await signIn(app, ctx, await buildUser(ctx, { regionCode: w.region, unitId: towns[0].unitId, roles: ['unit_staff'] }));
    otherUnit = await signIn(app, ctx, await buildUser(ctx, { regionCode: w.region, unitId: w.otherUnitId, roles: ['unit_admin'] }));
    const [t1, t2] = towns.map((t) => t.code);
    // 2022, 2023, 2025, 2026 published; 2024 only a draft (all D), which must not count.
    const ent = (id: string, cls: FixtureResult['class'], townshipCode = t1, extra: Partial<FixtureResult> = {}): FixtureResult => ({ id, class: cls, townshipCode, name: `示例企业${id}有限公司`, ...extra });
    await insertRun(ctx, w.region, 2022, [ent('d3', 'D'), ent('d2', 'D')]);
    await insertRun(ctx, w.region, 2023, [ent('d3', 'D'), ent('d2', 'D'), ent('d1', 'D')]);
    await insertRun(ctx, w.region, 2024, [ent('d3', 'D'), ent('d2', 'D'), ent('d1', 'D')], 'draft');
    await insertRun(ctx, w.region, 2025, [ent('d3', 'D'), ent('d2', 'D'), ent('d1', 'C'), ent('a1', 'A')]);
    // An earlier published 2026 run, superseded by a later one (the latest published counts).
    await insertRun(ctx, w.region, 2026, [ent('d1', 'A')], 'published', '2026-03-01T00:00:00.000Z');
    await insertRun(ctx, w.region, 2026, [
      ent('a1', 'A', t1, { total: 95 }), ent('a2', 'A', t2, { total: 92 }), ent('b1', 'B', t1, { total: 80 }), ent('c1', 'C', t2, { total: 60 }),
      ent('d1', 'D', t1, { total: 30 }), ent('d2', 'D', t2, { total: 25 }), ent('d3', 'D', t1, { total: 20 }), ent('x1', null, t1, { evaluated: false }),
    ], 'published', '2026-04-01T00:00:00.000Z');
  });

  describe('definitions', () => {
    it('the 亩均 office creates a policy, audited, with the terms in words', async () => {
      const seq = await lastSeq(ctx);
      const res = await office.post('/api/v1/mu/policies', landTax);
      expect(res.statusCode, res.body).toBe(201);
      const p = res.json();
      landTaxId = p.id;
      expect(p).toMatchObject({ name: landTax.name, body: landTax.body, kind: 'reduction', fromYear: 2024, toYear: null, version: 1, regionCode: w.region });
      expect(p.summary).toEqual({ A: '减免 100%', B: '减免 80%' });
      const s = await office.post('/api/v1/mu/policies', surcharge);
      expect(s.statusCode, s.body).toBe(201);
      surchargeId = s.json().id;
      expect(s.json().summary.D).toBe('连续1年 加价 0.1 元/千瓦时；连续2年 加价 0.2 元/千瓦时；连续3年及以上 加价 0.3 元/千瓦时');
      const entries = await auditSince(ctx, seq);
      expect(entries.map((e) => e.action)).toEqual(['mu_policy.create', 'mu_policy.create']);
    });

    it('refuses a bad definition naming each field, and writes nothing', async () => {
      const before = await countRows(ctx, 'mu_policies');
      const seq = await lastSeq(ctx);
      const res = await office.post('/api/v1/mu/policies', { ...surcharge, name: '坏政策', unit: '', toYear: 2020, terms: [{ class: 'D', minYears: 2, value: 0, text: null }, { class: 'D', minYears: 2, value: 0.2, text: null }] });
      const body = expectProblem(res, 400, 'invalid');
      expect(body.errors.map((e: any) => e.field).sort()).toEqual(['terms/0/minYears', 'terms/0/value', 'terms/1/minYears', 'toYear', 'unit']);
      expect(body.errors.find((e: any) => e.field === 'terms/0/value').message).toMatch(/大于 0|above 0/);
      expectProblem(await office.post('/api/v1/mu/policies', { ...landTax, name: '坏政策2', terms: [{ class: 'E', minYears: 1, value: 1, text: null }] }), 400, 'invalid');
      expectProblem(await office.post('/api/v1/mu/policies', { ...landTax, name: '坏政策3', terms: [] }), 400, 'invalid');
      expect(await countRows(ctx, 'mu_policies')).toBe(before);
      expect(await auditSince(ctx, seq)).toEqual([]);
    });

    it('a second policy of the same name and first year is a conflict', async () => {
      expectProblem(await office.post('/api/v1/mu/policies', landTax), 409, 'conflict.duplicate');
      const later = await office.post('/api/v1/mu/policies', { ...landTax, fromYear: 2031 });
      expect(later.statusCode).toBe(201);
      expect((await office.delete(`/api/v1/mu/policies/${later.json().id}`)).statusCode).toBe(200);
    });

    it('only the office edits: a supervisor, a leader, another unit are refused; everyone with enterprises.read reads', async () => {
      for (const c of [w.clients.supervisor, w.clients.leader, otherUnit, townStaff]) {
        const res = await c.post('/api/v1/mu/policies', { ...landTax, name: '越权政策' });
        expectProblem(res, 403, 'forbidden');
      }
      for (const c of [w.clients.supervisor, w.clients.leader, w.clients.viewer, otherUnit, townStaff, office]) {
        const res = await c.get('/api/v1/mu/policies');
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().items.map((p: any) => p.name)).toEqual(expect.arrayContaining([landTax.name, surcharge.name]));
        expect(res.json().canEdit).toBe(c === office);
      }
      expectProblem(await w.clients.sysadmin.get('/api/v1/mu/policies'), 403, 'forbidden');
    });

    it('edits with the version (a stale one is a conflict), filters by year in force, deletes', async () => {
      const p = (await office.get(`/api/v1/mu/policies/${surchargeId}`)).json();
      const res = await office.patch(`/api/v1/mu/policies/${surchargeId}`, { version: p.version, note: '按山东做法分档', toYear: 2029 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ version: 2, note: '按山东做法分档', toYear: 2029, terms: surcharge.terms });
      expectProblem(await office.patch(`/api/v1/mu/policies/${surchargeId}`, { version: 1, note: '旧' }), 409, 'conflict.version');
      const bad = await office.patch(`/api/v1/mu/policies/${surchargeId}`, { version: 2, terms: [{ class: 'D', minYears: 1, value: -1, text: null }] });
      expect(expectProblem(bad, 400, 'invalid').errors.map((e: any) => e.field)).toEqual(['terms/0/value']);
      expect((await office.get('/api/v1/mu/policies?year=2023')).json()).toEqual({ items: [], canEdit: true });
      expect((await office.get('/api/v1/mu/policies?year=2030')).json().items.map((p: any) => p.name)).toEqual([landTax.name]);
      const tmp = (await office.post('/api/v1/mu/policies', { ...landTax, name: '临时政策' })).json();
      const seq = await lastSeq(ctx);
      expect((await office.delete(`/api/v1/mu/policies/${tmp.id}`)).statusCode).toBe(200);
      expect((await auditSince(ctx, seq)).map((e) => e.action)).toEqual(['mu_policy.delete']);
      expectProblem(await office.get(`/api/v1/mu/policies/${tmp.id}`), 404, 'notFound');
    });

    it("another county's policy is not found, to read or to change", async () => {
      const other = (await buildRegion(ctx)).code;
      const sup = await signIn(app, ctx, await buildUser(ctx, { regionCode: other, roles: ['supervisor'] }));
      expectProblem(await sup.get(`/api/v1/mu/policies/${landTaxId}`), 404, 'notFound');
      expectProblem(await sup.get(`/api/v1/mu/policies/${landTaxId}/list?year=2026`), 404, 'notFound');
      expect((await sup.get('/api/v1/mu/policies')).json()).toEqual({ items: [], canEdit: false });
      expectProblem(await sup.get(`/api/v1/mu/policies?regionCode=${w.region}`), 404, 'notFound');
    });
  });

  describe('lists', () => {
    it('the tax reduction lists A at 100% and B at 80% from the latest published run', async () => {
      const res = await w.clients.supervisor.get(`/api/v1/mu/policies/${landTaxId}/list?year=2026`);
      expect(res.statusCode, res.body).toBe(200);
      const l = res.json();
      expect(l.run.year).toBe(2026);
      expect(l.inForce).toBe(true);
      expect(l.items.map((r: any) => [r.enterpriseId, r.class, r.termText])).toEqual([['a1', 'A', '减免 100%'], ['a2', 'A', '减免 100%'], ['b1', 'B', '减免 80%']]);
      expect(l.byClass).toEqual({ A: 2, B: 1, C: 0, D: 0 });
      expect(l.items[0]).toMatchObject({ creditCode: creditCodeOf('a1'), townshipName: '城关镇', value: 100 });
    });

    it('the D surcharge rises with consecutive years in D; a year without a published run breaks the streak; a class change restarts it', async () => {
      const l = (await w.clients.leader.get(`/api/v1/mu/policies/${surchargeId}/list?year=2026`)).json();
      // d3: D 2026, 2025 — 2024 has only a draft run — so 2 years, even though it was D in 2022 and 2023 too.
      // d2: likewise 2. d1: C in 2025, so 1.
      expect(l.items.map((r: any) => [r.enterpriseId, r.years, r.value, r.termText])).toEqual([
        ['d2', 2, 0.2, '加价 0.2 元/千瓦时'], ['d3', 2, 0.2, '加价 0.2 元/千瓦时'], ['d1', 1, 0.1, '加价 0.1 元/千瓦时'],
      ]);
      // 2023 evaluated on its own: d3 and d2 were D in 2022 and 2023 → 2 years; d1 new in D → 1.
      const l23 = (await w.clients.leader.get(`/api/v1/mu/policies/${surchargeId}/list?year=2023`)).json();
      expect(l23.inForce).toBe(false);
      expect(l23.items).toEqual([]);
    });

    it('once 2024 is published the streak runs through it', async () => {
      await insertRun(ctx, w.region, 2024, [{ id: 'd3', class: 'D', townshipCode: towns[0].code }, { id: 'd2', class: 'C', townshipCode: towns[1].code }]);
      const l = (await w.clients.leader.get(`/api/v1/mu/policies/${surchargeId}/list?year=2026`)).json();
      expect(l.items.map((r: any) => [r.enterpriseId, r.years, r.value])).toEqual([['d3', 5, 0.3], ['d2', 2, 0.2], ['d1', 1, 0.1]]);
    });

    it('filters and pages on the server', async () => {
      const l = (await w.clients.viewer.get(`/api/v1/mu/policies/${surchargeId}/list?year=2026&pageSize=2&page=2`)).json();
      expect(l).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(l.items.map((r: any) => r.enterpriseId)).toEqual(['d1']);
      const t2 = (await w.clients.viewer.get(`/api/v1/mu/policies/${surchargeId}/list?year=2026&townshipCode=${towns[1].code}`)).json();
      expect(t2.items.map((r: any) => r.enterpriseId)).toEqual(['d2']);
      const q = (await w.clients.viewer.get(`/api/v1/mu/policies/${landTaxId}/list?year=2026&q=${encodeURIComponent('示例企业a2')}`)).json();
      expect(q.items.map((r: any) => r.enterpriseId)).toEqual(['a2']);
    });

    it('a township sees the enterprises of its township only; another unit sees none', async () => {
      const town = (await townStaff.get(`/api/v1/mu/policies/${surchargeId}/list?year=2026`)).json();
      expect(town.items.map((r: any) => r.enterpriseId).sort()).toEqual(['d1', 'd3']);
      const other = (await otherUnit.get(`/api/v1/mu/policies/${surchargeId}/list?year=2026`)).json();
      expect(other).toMatchObject({ total: 0, items: [] });
      const officeList = (await office.get(`/api/v1/mu/policies/${surchargeId}/list?year=2026`)).json();
      expect(officeList.total).toBe(3);
    });

    it('without a year the latest published year is used; a year without a published run says so', async () => {
      expect((await office.get(`/api/v1/mu/policies/${landTaxId}/list`)).json().year).toBe(2026);
      const none = (await office.get(`/api/v1/mu/policies/${landTaxId}/list?year=2027`)).json();
      expect(none).toMatchObject({ year: 2027, run: null, total: 0 });
      const body = expectProblem(await office.get(`/api/v1/mu/policies/${landTaxId}/list/export?year=2027`), 400, 'mu.noPublishedRun');
      expect(body.errors[0].field).toBe('year');
      expectProblem(await office.get(`/api/v1/mu/policies/${surchargeId}/list/export?year=2023`), 400, 'mu.policy.notInForce');
    });

    it('exports the list for the acting body: title naming the body, one row per enterprise', async () => {
      const res = await w.clients.supervisor.get(`/api/v1/mu/policies/${surchargeId}/list/export?year=2026`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toMatch(/spreadsheetml/);
      expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('D类企业差别电价-2026年度执行名单.xlsx');
      const rows = await readXlsx(res.rawPayload);
      expect(rows[0][0]).toBe('D类企业差别电价执行名单（2026年度亩均评价）— 执行单位：国网示例县供电公司');
      expect(rows[1].slice(0, 4)).toEqual(['序号', '企业名称', '统一社会信用代码', '乡镇（街道）']);
      expect(rows.slice(2).map((r) => [r[1], r[2], r[6], r[7], r[8]])).toEqual([
        ['示例企业d3有限公司', creditCodeOf('d3'), 'D', '5', '加价 0.3 元/千瓦时'],
        ['示例企业d2有限公司', creditCodeOf('d2'), 'D', '2', '加价 0.2 元/千瓦时'],
        ['示例企业d1有限公司', creditCodeOf('d1'), 'D', '1', '加价 0.1 元/千瓦时'],
      ]);
    });
  });
});
