// 统计分析 of a published 亩均 run: class counts by township, park and industry; per-mu tax and value added as sum over
// sum; class moves against last year's published run; the score histogram; each as Excel; within the reader's scope.
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildRegion, buildUser, Client } from './factories.js';
import { buildWorld, expectProblem, signIn, type World } from './world.js';
import { readXlsx } from './xlsx.js';
import { buildTownships, insertRun, setMuOffice, type FixtureResult } from './mu-analysis-fixtures.js';
import type { Ctx } from '../server/context.js';
import { DEMO, seedDemo } from '../server/demo/demo-county.js';
import { seedDemoEnterprises } from '../server/demo/demo-enterprises.js';
import { seedDemoMuPolicies } from '../server/demo/demo-mu-policies.js';
import { huangyan2022Scheme } from '../server/modules/mu/rules.js';
import { createScheme } from '../server/modules/mu/service.js';
import { createRun, publishRun } from '../server/modules/mu/runs.js';
import { loadActor } from '../server/platform/access/load-actor.js';

describeEachDb('亩均 aggregates', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let w: World;
  let townStaff: Client; let otherUnit: Client; let t1: string; let t2: string;

  beforeAll(async () => {
    ({ app, ctx } = await testApp(getDb()));
    w = await buildWorld(app, ctx);
    await setMuOffice(ctx, [w.unitId]);
    const towns = await buildTownships(ctx, w.region);
    [t1, t2] = towns.map((t) => t.code);
    townStaff = await signIn(app, ctx, await buildUser(ctx, { regionCode: w.region, unitId: towns[1].unitId, roles: ['unit_staff'] }));
    otherUnit = await signIn(app, ctx, await buildUser(ctx, { regionCode: w.region, unitId: w.otherUnitId, roles: ['unit_staff'] }));
    const e = (id: string, cls: FixtureResult['class'], townshipCode: string, x: Partial<FixtureResult> = {}): FixtureResult => ({ id, class: cls, townshipCode, ...x });
    await insertRun(ctx, w.region, 2025, [
      e('p', 'A', t1), e('q', 'B', t1), e('r', 'B', t2), e('s', 'C', t2), e('gone', 'D', t2), e('u', null, t1, { evaluated: false }),
    ]);
    await insertRun(ctx, w.region, 2026, [
      // 城关镇: a 2-亩 workshop at 50 万元/亩 and a 198-亩 plant at 10 万元/亩 → 2080 / 200 = 10.4, not (50 + 10) / 2.
      e('p', 'A', t1, { park: '经济开发区', industryCode: 'C3411', tax: 100, valueAdded: 400, land: 2, total: 110 }),
      e('q', 'A', t1, { park: '经济开发区', industryCode: 'C3412', tax: 1980, valueAdded: 5940, land: 198, total: 96 }),
      e('u', 'C', t1, { park: null, industryCode: 'C1711', tax: 30, valueAdded: 90, land: null, registryLand: 15, total: 58 }), // registry land used
      e('v', null, t1, { evaluated: false, industryCode: 'C4411', tax: 500, valueAdded: 800, land: 50 }), // not evaluated: out of per-mu
      // 东湖镇
      e('r', 'C', t2, { park: '东湖工业园', industryCode: '3911', tax: 60, valueAdded: -20, land: 20, total: 61 }), // a loss stays in the sum
      e('s', 'D', t2, { park: '东湖工业园', industryCode: '3911', tax: 5, valueAdded: 10, land: 25, total: 31 }),
      e('n', 'B', t2, { park: '东湖工业园', industryCode: null, tax: 40, valueAdded: 100, land: 10, total: 77 }),
      e('g', 'B', t2, { groupKey: 'below', groupName: '规下工业企业', tax: 9, valueAdded: 20, land: 4, total: 88 }),
      e('h', 'D', t2, { groupKey: 'below', groupName: '规下工业企业', tax: 1, valueAdded: 4, land: 6, total: 12 }),
      e('k', 'A', t1, { groupKey: 'below', groupName: '规下工业企业', tax: 20, valueAdded: 30, land: 3, total: 140 }),
    ], 'published', '2026-04-01T00:00:00.000Z');
    await insertRun(ctx, w.region, 2026, [e('p', 'D', t1)], 'draft'); // a later draft changes nothing
  });

  const get = async (c: Client, url: string) => {
    const res = await c.get(url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('lists the years with a published run, newest first', async () => {
    const years = await get(w.clients.viewer, '/api/v1/mu/analysis/years');
    expect(years.map((y: any) => y.year)).toEqual([2026, 2025]);
    expect(years[0].publishedAt).toBe('2026-04-01T00:00:00.000Z');
  });

  it('counts classes by township, with the not-evaluated column and totals; by park and by industry division', async () => {
    const r = await get(w.clients.supervisor, '/api/v1/mu/analysis/classes?by=township&year=2026');
    expect(r.run.year).toBe(2026);
    const rows = Object.fromEntries(r.rows.map((x: any) => [x.name, [x.A, x.B, x.C, x.D, x.notEvaluated, x.total]]));
    expect(rows).toEqual({ 城关镇: [3, 0, 1, 0, 1, 5], 东湖镇: [0, 2, 1, 2, 0, 5] });
    expect([r.totals.A, r.totals.B, r.totals.C, r.totals.D, r.totals.notEvaluated, r.totals.total]).toEqual([3, 2, 2, 2, 1, 10]);
    const park = await get(w.clients.supervisor, '/api/v1/mu/analysis/classes?by=park&year=2026');
    expect(park.rows.map((x: any) => [x.name, x.total])).toEqual([['东湖工业园', 3], ['经济开发区', 2], ['（未填）', 5]]);
    const ind = await get(w.clients.supervisor, '/api/v1/mu/analysis/classes?by=industry&year=2026');
    expect(ind.rows.map((x: any) => [x.key, x.name, x.total])).toEqual([
      ['17', '17 纺织业', 1], ['34', '34 通用设备制造业', 2], ['39', '39 计算机、通信和其他电子设备制造业', 2], ['44', '44 电力、热力生产和供应业', 1], [null, '（未填）', 4],
    ]);
  });

  it('per-mu tax and value added are the sum over the sum of the evaluated enterprises, stated as such', async () => {
    const r = await get(w.clients.leader, '/api/v1/mu/analysis/per-mu?by=township&year=2026');
    expect(r.method).toMatch(/合计.*÷.*合计/);
    const town = Object.fromEntries(r.rows.map((x: any) => [x.name, x]));
    // 城关镇: p, q, u (registry land 15) and k; v is not evaluated.
    expect(town['城关镇']).toMatchObject({ enterprises: 4, land: 218, tax: 2130, valueAdded: 6460 });
    expect(town['城关镇'].perMuTax).toBeCloseTo(2130 / 218, 9);
    // 东湖镇: r (a loss in value added), s, n, g, h.
    expect(town['东湖镇']).toMatchObject({ enterprises: 5, land: 65, tax: 115, valueAdded: 114 });
    expect(town['东湖镇'].perMuValueAdded).toBeCloseTo(114 / 65, 9);
    expect(r.totals).toMatchObject({ enterprises: 9, land: 283, tax: 2245 });
    expect(r.totals.perMuTax).toBeCloseTo(2245 / 283, 9);
    // Not the mean of the ratios:
    const meanOfRatios = (100 / 2 + 1980 / 198 + 30 / 15 + 20 / 3) / 4;
    expect(Math.abs(town['城关镇'].perMuTax - meanOfRatios)).toBeGreaterThan(1);
    const ind = await get(w.clients.leader, '/api/v1/mu/analysis/per-mu?by=industry&year=2026');
    const gen = ind.rows.find((x: any) => x.key === '34');
    expect(gen).toMatchObject({ enterprises: 2, land: 200, tax: 2080 });
    expect(gen.perMuTax).toBeCloseTo(10.4, 9);
  });

  it('class moves against last year: a transition table with new and gone enterprises against none', async () => {
    const t = await get(w.clients.viewer, '/api/v1/mu/analysis/transitions?year=2026');
    expect(t.previousRun.year).toBe(2025);
    expect(t.keys).toEqual(['A', 'B', 'C', 'D', 'none']);
    expect(t.counts.A.A).toBe(1); // p
    expect(t.counts.B.A).toBe(1); // q
    expect(t.counts.B.C).toBe(1); // r
    expect(t.counts.C.D).toBe(1); // s
    expect(t.counts.D.none).toBe(1); // gone
    expect(t.counts.none.C).toBe(1); // u: not evaluated last year, C now
    expect(t.counts.none.none).toBe(1); // v
    expect(t.counts.none.B + t.counts.none.D + t.counts.none.A).toBe(4); // n, g, h, k are new
    expect({ up: t.up, down: t.down, same: t.same }).toEqual({ up: 1, down: 2, same: 1 });
    const first = await get(w.clients.viewer, '/api/v1/mu/analysis/transitions?year=2025');
    expect(first.previousRun).toBeNull();
    expect(first.counts.none.A).toBe(1);
  });

  it('the score histogram is per evaluation group, the largest by default', async () => {
    const s = await get(w.clients.supervisor, '/api/v1/mu/analysis/scores?year=2026&bins=5');
    expect(s.groups.map((g: any) => [g.key, g.count])).toEqual([['above', 6], ['below', 3]]);
    expect(s.groupKey).toBe('above');
    expect(s.count).toBe(6);
    expect(s.bins.reduce((a: number, b: any) => a + b.total, 0)).toBe(6);
    expect(s.bins[0].from).toBeLessThanOrEqual(31);
    expect(s.bins.at(-1).to).toBeGreaterThanOrEqual(110);
    expect(s.median).toBeCloseTo((61 + 77) / 2, 9);
    const below = await get(w.clients.supervisor, '/api/v1/mu/analysis/scores?year=2026&groupKey=below');
    expect(below.count).toBe(3);
    expect(below.bins.reduce((a: number, b: any) => a + b.byClass.A + b.byClass.B + b.byClass.D, 0)).toBe(3);
  });

  it('a township sees its own enterprises only; another unit sees nothing; another county not at all', async () => {
    const r = await get(townStaff, '/api/v1/mu/analysis/classes?by=township&year=2026');
    expect(r.rows.map((x: any) => x.name)).toEqual(['东湖镇']);
    expect(r.totals.total).toBe(5);
    const s = await get(townStaff, '/api/v1/mu/analysis/scores?year=2026');
    expect(s.count).toBe(3);
    const o = await get(otherUnit, '/api/v1/mu/analysis/classes?by=township&year=2026');
    expect(o.rows).toEqual([]);
    expect(o.totals.total).toBe(0);
    const other = (await buildRegion(ctx)).code;
    const sup = await signIn(app, ctx, await buildUser(ctx, { regionCode: other, roles: ['supervisor'] }));
    expect(await get(sup, '/api/v1/mu/analysis/years')).toEqual([]);
    expect((await get(sup, '/api/v1/mu/analysis/classes?by=township')).run).toBeNull();
    expectProblem(await sup.get(`/api/v1/mu/analysis/classes?by=township&regionCode=${w.region}`), 404, 'notFound');
    expectProblem(await w.clients.sysadmin.get('/api/v1/mu/analysis/years'), 403, 'forbidden');
    expectProblem(await w.clients.supervisor.get('/api/v1/mu/analysis/classes?by=county'), 400, 'invalid');
  });

  it('exports each table to Excel with a title naming the year', async () => {
    const tables = ['classes-township', 'classes-park', 'classes-industry', 'per-mu-township', 'per-mu-industry', 'transitions', 'scores'];
    for (const t of tables) {
      const res = await w.clients.supervisor.get(`/api/v1/mu/analysis/export?year=2026&table=${t}`);
      expect(res.statusCode, `${t}: ${res.body.slice(0, 200)}`).toBe(200);
      const rows = await readXlsx(res.rawPayload);
      expect(rows[0][0]).toMatch(/2026/);
      expect(rows.length).toBeGreaterThan(2);
    }
    const per = await readXlsx((await w.clients.supervisor.get('/api/v1/mu/analysis/export?year=2026&table=per-mu-township')).rawPayload);
    expect(per[1]).toEqual(['乡镇（街道）', '参评企业数', '用地面积（亩）', '实缴税金（万元）', '工业增加值（万元）', '亩均税收（万元/亩）', '亩均增加值（万元/亩）']);
    expect(per.find((r) => r[0] === '城关镇')!.slice(0, 6)).toEqual(['城关镇', '4', '218', '2130', '6460', String(Math.round((2130 / 218) * 100) / 100)]);
    const tr = await readXlsx((await w.clients.supervisor.get('/api/v1/mu/analysis/export?year=2026&table=transitions')).rawPayload);
    expect(tr[0][0]).toBe('评价等级年度变动（2025 年 → 2026 年）');
    expect(tr[1]).toEqual(['上年等级 \\ 本年等级', 'A 类', 'B 类', 'C 类', 'D 类', '未评价/不在名单']);
    expect(tr[3]).toEqual(['B 类', '1', '0', '1', '0', '0']);
  });

  it('without a published run every table is empty and says so', async () => {
    const r = await get(w.clients.supervisor, '/api/v1/mu/analysis/per-mu?by=township&year=2020');
    expect(r).toMatchObject({ run: null, rows: [] });
    expect((await get(w.clients.supervisor, '/api/v1/mu/analysis/scores?year=2020')).bins).toEqual([]);
  });
});

// The same reads over runs the real engine made and published (the demo county's registry and figures, two schemes
// as the demo's), so the contract with the runs is held: land as the engine took it, classes as it gave them.
describeEachDb('亩均 aggregates and policy lists over runs of the scoring engine', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let leader: Client;
  let runs: { id: string; year: number }[];

  beforeAll(async () => {
    ({ app, ctx } = await testApp(getDb()));
    await seedDemo(ctx);
    await seedDemoEnterprises(ctx, DEMO.county.code);
    await seedDemoMuPolicies(ctx, DEMO.county.code, 2024);
    const office = await ctx.db.selectFrom('users').select('id').where('username', '=', 'u16staff').executeTakeFirstOrThrow();
    const actor = (await loadActor(ctx, office.id, null))!;
    for (const year of [2024, 2025]) {
      const s = await createScheme(ctx, actor, { year, name: `${year}年度评价办法`, definition: huangyan2022Scheme() as never });
      const r = await createRun(ctx, actor, s.id);
      await publishRun(ctx, actor, r.id);
    }
    runs = await ctx.db.selectFrom('muRuns').select(['id', 'year']).where('regionCode', '=', DEMO.county.code).orderBy('year').execute();
    const liminghua = await ctx.db.selectFrom('users').select(['username']).where('username', '=', 'liminghua').executeTakeFirstOrThrow();
    leader = new Client(app);
    await leader.login({ username: liminghua.username, password: DEMO.password }, ctx);
  }, 180_000);

  it('per-mu figures are Σ over Σ of the run\'s snapshot, with the land the engine used for each enterprise', async () => {
    const run = runs.find((r) => r.year === 2025)!;
    const snap = JSON.parse((await ctx.db.selectFrom('muRuns').select('snapshotJson').where('id', '=', run.id).executeTakeFirstOrThrow()).snapshotJson);
    const byId = new Map<string, any>(snap.enterprises.map((e: any) => [e.id, e]));
    const results = await ctx.db.selectFrom('muResults').select(['enterpriseId', 'evaluated', 'perMuTax', 'class']).where('runId', '=', run.id).execute();
    let tax = 0; let land = 0; let checked = 0;
    for (const r of results) {
      if (!Number(r.evaluated)) continue;
      const e = byId.get(r.enterpriseId);
      const l = e.data.land_area ?? e.landAreaMu;
      if (l == null || l <= 0 || e.data.tax == null) continue;
      tax += e.data.tax; land += l;
      if (r.perMuTax !== null) { expect(Number(r.perMuTax)).toBeCloseTo(e.data.tax / l, 6); checked++; }
    }
    expect(checked).toBeGreaterThan(10);
    const res = await leader.get('/api/v1/mu/analysis/per-mu?by=township&year=2025');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().totals.tax).toBeCloseTo(tax, 6);
    expect(res.json().totals.land).toBeCloseTo(land, 6);
    expect(res.json().totals.perMuTax).toBeCloseTo(tax / land, 9);
  });

  it('class counts, the land-tax list and the class moves agree with the engine\'s results', async () => {
    const run = runs.find((r) => r.year === 2025)!;
    const results = await ctx.db.selectFrom('muResults').select(['enterpriseId', 'class']).where('runId', '=', run.id).execute();
    const count = (c: string) => results.filter((r) => r.class === c).length;
    const classes = (await leader.get('/api/v1/mu/analysis/classes?by=township&year=2025')).json();
    expect([classes.totals.A, classes.totals.B, classes.totals.C, classes.totals.D, classes.totals.total]).toEqual([count('A'), count('B'), count('C'), count('D'), results.length]);
    expect(count('A') + count('B')).toBeGreaterThan(0);
    const policies = (await leader.get('/api/v1/mu/policies?year=2025')).json().items;
    const landTax = policies.find((p: any) => p.name === '城镇土地使用税减免');
    const list = (await leader.get(`/api/v1/mu/policies/${landTax.id}/list?year=2025&pageSize=200`)).json();
    expect(list.total).toBe(count('A') + count('B'));
    expect(list.byClass).toMatchObject({ A: count('A'), B: count('B') });
    const previous = await ctx.db.selectFrom('muResults').select(['enterpriseId', 'class']).where('runId', '=', runs.find((r) => r.year === 2024)!.id).execute();
    const prevClass = new Map(previous.map((r) => [r.enterpriseId, r.class]));
    const streaks = list.items.map((r: any) => r.years);
    expect(list.items.every((r: any, i: number) => streaks[i] === (prevClass.get(r.enterpriseId) === r.class ? 2 : 1))).toBe(true);
    const moves = (await leader.get('/api/v1/mu/analysis/transitions?year=2025')).json();
    const all = Object.values(moves.counts).flatMap((row: any) => Object.values(row) as number[]).reduce((a, b) => a + b, 0);
    expect(all).toBe(new Set([...results.map((r) => r.enterpriseId), ...previous.map((r) => r.enterpriseId)]).size);
  });
});
