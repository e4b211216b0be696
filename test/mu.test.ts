// 亩均 evaluation API on both databases: scheme validation and versions, runs (draft re-run in place, publish, frozen),
// reproduction after the data were corrected, explanations and the report card, bonus/deduction inputs, read scope.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildUnit, buildUser } from './factories.js';
import { buildWorld, expectProblem, signIn, type World } from './world.js';
import type { Ctx } from '../server/context.js';
import { newId } from '../server/platform/clock.js';
import { huangyan2022Scheme } from '../server/modules/mu/rules.js';

const v1 = (p: string) => `/api/v1${p}`;

async function setOffice(ctx: Ctx, unitIds: string[]) {
  const now = ctx.clock.now().toISOString();
  await ctx.db.deleteFrom('settings').where('key', '=', 'mu.officeUnitIds').execute();
  await ctx.db.insertInto('settings').values({ key: 'mu.officeUnitIds', value: JSON.stringify(unitIds), updatedAt: now }).execute();
}

interface Firm { code: string; name: string; above: boolean; land: number; industry?: string; since?: string; township?: string; data: Record<number, Record<string, number>> }

async function seedFirms(ctx: Ctx, region: string, firms: Firm[]): Promise<Map<string, string>> {
  const now = ctx.clock.now().toISOString();
  const ids = new Map<string, string>();
  for (const f of firms) {
    const id = newId();
    ids.set(f.code, id);
    await ctx.db.insertInto('enterprises').values({
      id, regionCode: region, creditCode: f.code, name: f.name, industryCode: f.industry ?? '3411', townshipCode: f.township ?? null, park: null,
      aboveScale: f.above ? 1 : 0, landAreaMu: f.land, producingSince: f.since ?? '2010-05-01', closedOn: null, codeOverrideReason: null, createdAt: now, updatedAt: now,
    }).execute();
    for (const [year, d] of Object.entries(f.data)) {
      for (const [field, value] of Object.entries(d)) {
        await ctx.db.insertInto('enterpriseYearData').values({ enterpriseId: id, year: Number(year), field, value, source: 'stats', batchId: null, updatedAt: now }).execute();
      }
    }
  }
  return ids;
}

const code = (i: number) => `91990000MA${String(i).padStart(8, '0')}`;
function firms(township: string): Firm[] {
  const out: Firm[] = [];
  for (let i = 1; i <= 10; i++) {
    const d = (k: number) => ({ tax: 40 * i * k, value_added: 300 * i * k, energy: 500, emissions: 1, employees: 100, revenue: 5000 * i, rd_expense: 50 * i, electricity: 800 });
    out.push({ code: code(i), name: `规上企业${i}`, above: true, land: 50, township: i <= 3 ? township : undefined, data: { 2024: d(1), 2025: d(1.1) } });
  }
  out.push({ code: code(11), name: '规下企业甲', above: false, land: 10, data: { 2025: { tax: 80, electricity: 300 } } });
  out.push({ code: code(12), name: '规下小微企业', above: false, land: 2, data: { 2025: { tax: 10 } } });
  out.push({ code: code(13), name: '县自来水公司', above: true, land: 80, industry: '4610', data: { 2025: { tax: 300 } } });
  out.push({ code: code(14), name: '新投产企业', above: true, land: 30, since: '2025-03-01', data: { 2025: { tax: 10 } } });
  return out;
}

describeEachDb('亩均 evaluation', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let w: World;
  let township: { code: string; unitId: string };
  let ids: Map<string, string>;
  let scheme2025: any;

  beforeAll(async () => {
    ({ app, ctx } = await testApp(getDb()));
    w = await buildWorld(app, ctx);
    await setOffice(ctx, [w.unitId]);
    const tcode = `${w.region}201`;
    await ctx.db.insertInto('regions').values({ code: tcode, name: '东湖镇', level: 'township', parentCode: w.region }).execute();
    const tu = await buildUnit(ctx, w.region, { name: `东湖镇人民政府`, kind: 'township' });
    township = { code: tcode, unitId: tu.id };
    ids = await seedFirms(ctx, w.region, firms(tcode));
  });

  const office = () => w.clients.unit_staff;

  describe('schemes', () => {
    it('refuses weights not adding up and overlapping class shares, naming the field, and writes nothing', async () => {
      const def = huangyan2022Scheme();
      def.groups[0]!.indicators[0]!.weight = 25;
      def.groups[1]!.classes = { mode: 'share', A: 60, B: 40, C: 95 };
      const res = await office().post(v1('/mu/schemes'), { year: 2025, name: '2025年度亩均评价办法', definition: def });
      expectProblem(res, 400);
      const fields = res.json().errors.map((e: any) => e.field);
      expect(fields).toEqual(['definition/groups/0/indicators', 'definition/groups/1/classes/B']);
      expect(res.json().errors[0].message).toContain('95');
      expect(await ctx.db.selectFrom('muSchemes').selectAll().execute()).toHaveLength(0);
    });

    it('the office creates one scheme per year (default: the 黄岩 model); a second one answers 409; others may not', async () => {
      const denied = await w.clients.supervisor.post(v1('/mu/schemes'), { year: 2025, name: '2025年度亩均评价办法' });
      expectProblem(denied, 403);
      const other = await signIn(app, ctx, await buildUser(ctx, { regionCode: w.region, unitId: w.otherUnitId, roles: ['unit_staff'] }));
      expectProblem(await other.post(v1('/mu/schemes'), { year: 2025, name: '2025年度亩均评价办法' }), 403);
      const res = await office().post(v1('/mu/schemes'), { year: 2025, name: '2025年度亩均评价办法' });
      expect(res.statusCode).toBe(201);
      scheme2025 = res.json();
      expect(scheme2025).toMatchObject({ version: 1, status: 'draft', year: 2025 });
      expect(scheme2025.definition.groups[0].indicators[0]).toMatchObject({ key: 'tax_per_mu', weight: 30 });
      expectProblem(await office().post(v1('/mu/schemes'), { year: 2025, name: '重复' }), 409, 'mu.scheme.exists');
      const list = await w.clients.viewer.get(v1('/mu/schemes'));
      expect(list.json().items.map((s: any) => s.year)).toEqual([2025]);
    });

    it('a draft is edited in place; a wrong type is refused naming the field', async () => {
      const def = structuredClone(scheme2025.definition);
      def.groups[0].indicators[5].cap = 1.5;
      const res = await office().put(v1(`/mu/schemes/${scheme2025.id}`), { version: 1, definition: def });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: scheme2025.id, version: 1, status: 'draft' });
      const bad = structuredClone(def);
      bad.groups[0].indicators[0].weight = '三十';
      const r2 = await office().put(v1(`/mu/schemes/${scheme2025.id}`), { version: 1, definition: bad });
      expectProblem(r2, 400);
      expect(r2.json().errors[0].field).toBe('definition/groups/0/indicators/0/weight');
      scheme2025 = res.json();
    });
  });

  describe('runs', () => {
    let run: any;
    it('evaluates the year: groups, the not-evaluated list with reasons, ranks and classes', async () => {
      const res = await office().post(v1('/mu/runs'), { schemeId: scheme2025.id });
      expect(res.statusCode).toBe(201);
      run = res.json();
      expect(run).toMatchObject({ year: 2025, status: 'draft', schemeVersion: 1, enterpriseCount: 14, evaluatedCount: 11 });
      expect(run.classCounts).toEqual({ A: 2, B: 5, C: 4, D: 0 }); // 规上 10: 2/4/4/0 (9.5 → 10); 规下 1: 20% of 1 rounds to 0 → B
      const scheme = await office().get(v1(`/mu/schemes/${scheme2025.id}`));
      expect(scheme.json().status).toBe('active');

      const notEval = await office().get(v1(`/mu/runs/${run.id}/results?evaluated=false`));
      const reasons = Object.fromEntries(notEval.json().items.map((r: any) => [r.name, r.exclusionReason]));
      expect(reasons['县自来水公司']).toContain('公用事业');
      expect(reasons['新投产企业']).toBe('投产未满两年');
      expect(reasons['规下小微企业']).toContain('不足 3 亩');

      const above = await office().get(v1(`/mu/runs/${run.id}/results?groupKey=above&pageSize=20`));
      expect(above.json().items.map((r: any) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(above.json().items[0]).toMatchObject({ name: '规上企业10', class: 'A' });
      const detail = await office().get(v1(`/mu/runs/${run.id}`));
      expect(detail.json().groups[0].ruleText.zh).toContain('四舍五入');
      expect(detail.json().groups[0].indicators[0]).toMatchObject({ key: 'tax_per_mu', benchmark: 24.097, weight: 30 });
    });

    it('explains an enterprise item by item and gives its one-page report card', async () => {
      const id = ids.get(code(1))!;
      const res = await office().get(v1(`/mu/runs/${run.id}/results/${id}`));
      expect(res.statusCode).toBe(200);
      const d = res.json();
      // 规上企业1 in 2025: tax 44 on 50 亩 = 0.88 万元/亩 against 24.097 → 1.1 of 30 points
      expect(d.items[0].why.zh).toBe('亩均税收 0.88 万元/亩，基准值 24.1：得 1.1 分（权重 30 分）');
      expect(d.row).toMatchObject({ rank: 10, class: 'C' });
      expect(d.classWhy.zh).toContain('第 10 位');
      const doc = await office().get(v1(`/mu/runs/${run.id}/results/${id}/report`));
      expect(doc.statusCode).toBe(200);
      expect(doc.headers['content-type']).toContain('wordprocessingml');
      expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
      expect(String(doc.headers['content-disposition'])).toContain(encodeURIComponent('亩均效益体检报告'));
    });

    it('bonus/deduction inputs: a serious environmental violation forces D; the draft re-runs in place', async () => {
      const top = ids.get(code(10))!;
      expectProblem(await office().put(v1('/mu/adjustments'), { year: 2025, enterpriseId: top, itemKey: 'tenants', quantity: 2 }), 400, 'invalid');
      expect((await office().put(v1('/mu/adjustments'), { year: 2025, enterpriseId: top, itemKey: 'env_violation', quantity: 1, note: '环保督察通报' })).statusCode).toBe(200);
      const list = await office().get(v1('/mu/adjustments?year=2025'));
      expect(list.json().items).toMatchObject([{ itemKey: 'env_violation', name: '规上企业10', quantity: 1 }]);
      const re = await office().post(v1(`/mu/runs/${run.id}/rerun`));
      expect(re.statusCode).toBe(200);
      expect(re.json().id).toBe(run.id);
      const d = (await office().get(v1(`/mu/runs/${run.id}/results/${top}`))).json();
      expect(d.row).toMatchObject({ rank: 1, class: 'D', forcedReason: '严重环境违法行为' });
      expect(d.classWhy.zh).toContain('直接定为 D 类');
      expect((await office().get(v1('/mu/runs?year=2025'))).json().items).toHaveLength(1);
    });

    it('editing the scheme a run used makes version 2; the run keeps version 1', async () => {
      const def = structuredClone(scheme2025.definition);
      def.groups[0].classes = { mode: 'share', A: 30, B: 60, C: 90 };
      const res = await office().put(v1(`/mu/schemes/${scheme2025.id}`), { version: 1, definition: def });
      expect(res.json()).toMatchObject({ version: 2, status: 'draft' });
      expect(res.json().id).not.toBe(scheme2025.id);
      expectProblem(await office().put(v1(`/mu/schemes/${scheme2025.id}`), { version: 1, definition: def }), 409);
      const r = (await office().get(v1(`/mu/runs/${run.id}`))).json().run;
      expect(r.schemeVersion).toBe(1);
      const re = await office().post(v1(`/mu/runs/${run.id}/rerun`));
      expect(re.json()).toMatchObject({ id: run.id, schemeVersion: 2 });
      const versions = (await office().get(v1(`/mu/schemes/${res.json().id}`))).json().versions;
      expect(versions.map((v: any) => [v.version, v.status])).toEqual([[2, 'active'], [1, 'retired']]);
      scheme2025 = res.json();
    });

    it('drafts are the office\'s: the supervisor does not see them', async () => {
      expect((await w.clients.supervisor.get(v1('/mu/runs'))).json().items).toHaveLength(0);
      expectProblem(await w.clients.supervisor.get(v1(`/mu/runs/${run.id}`)), 404);
    });

    it('published, the run is frozen: every write answers 409, nothing changes', async () => {
      expectProblem(await w.clients.supervisor.post(v1(`/mu/runs/${run.id}/publish`)), 403);
      const pub = await office().post(v1(`/mu/runs/${run.id}/publish`));
      expect(pub.statusCode).toBe(200);
      expect(pub.json()).toMatchObject({ status: 'published' });
      const before = await ctx.db.selectFrom('muResults').select(['enterpriseId', 'detailJson']).where('runId', '=', run.id).orderBy('enterpriseId').execute();
      expectProblem(await office().post(v1(`/mu/runs/${run.id}/publish`)), 409, 'mu.run.published');
      expectProblem(await office().post(v1(`/mu/runs/${run.id}/rerun`)), 409, 'mu.run.published');
      expectProblem(await office().delete(v1(`/mu/runs/${run.id}`)), 409, 'mu.run.published');
      const after = await ctx.db.selectFrom('muResults').select(['enterpriseId', 'detailJson']).where('runId', '=', run.id).orderBy('enterpriseId').execute();
      expect(after).toEqual(before);
      expect((await w.clients.supervisor.get(v1('/mu/runs'))).json().items.map((r: any) => r.id)).toEqual([run.id]);
    });

    it('after the data are corrected, the published run reproduces exactly; a new run of the year is a new draft', async () => {
      const id = ids.get(code(5))!;
      const before = (await office().get(v1(`/mu/runs/${run.id}/results/${id}`))).json();
      await ctx.db.updateTable('enterpriseYearData').set({ value: 99999 }).where('enterpriseId', '=', id).where('year', '=', 2025).where('field', '=', 'tax').execute();
      const rep = await w.clients.viewer.get(v1(`/mu/runs/${run.id}/reproduce`));
      expect(rep.json()).toMatchObject({ identical: true, compared: 14, differences: [] });
      expect((await office().get(v1(`/mu/runs/${run.id}/results/${id}`))).json()).toEqual(before);
      const fresh = await office().post(v1('/mu/runs'), { schemeId: scheme2025.id });
      expect(fresh.statusCode).toBe(201);
      expect(fresh.json().id).not.toBe(run.id);
      const again = (await office().get(v1(`/mu/runs/${fresh.json().id}/results/${id}`))).json();
      expect(again.row.rank).toBe(1);
      expect(before.row.rank).not.toBe(1);
      expect((await office().delete(v1(`/mu/runs/${fresh.json().id}`))).statusCode).toBe(200);
    });

    it('a run stored before migration 0015 (whole items, no group figures, no figures per row) reads and reproduces the same', async () => {
      const id = ids.get(code(5))!;
      const page = (await office().get(v1(`/mu/runs/${run.id}`))).json();
      const result = (await office().get(v1(`/mu/runs/${run.id}/results/${id}`))).json();
      // Every field of the snapshot, on both databases (snake_case keys, as the engine reads them).
      expect(Object.keys(result.figures).sort()).toEqual(['electricity', 'emissions', 'employees', 'energy', 'rd_expense', 'revenue', 'tax', 'value_added']);
      expect(result.figures.value_added).toBeCloseTo(1650, 6); // 规上企业5 in 2025: 300 × 5 × 1.1
      const stored = await ctx.db.selectFrom('muResults').select('detailJson').where('runId', '=', run.id).where('enterpriseId', '=', id).executeTakeFirstOrThrow();
      const compact = JSON.parse(stored.detailJson);
      expect(compact.items[0].name).toBeUndefined(); // names, benchmark and words are not repeated on every row
      await ctx.db.updateTable('muRuns').set({ groupsJson: null }).where('id', '=', run.id).execute();
      await ctx.db.updateTable('muResults').set({ figuresJson: null }).where('runId', '=', run.id).execute();
      await ctx.db.updateTable('muResults').set({ detailJson: JSON.stringify({ ...compact, items: result.items }) }).where('runId', '=', run.id).where('enterpriseId', '=', id).execute();
      expect((await office().get(v1(`/mu/runs/${run.id}`))).json()).toEqual(page);
      expect((await office().get(v1(`/mu/runs/${run.id}/results/${id}`))).json()).toEqual(result);
      expect((await w.clients.viewer.get(v1(`/mu/runs/${run.id}/reproduce`))).json()).toMatchObject({ identical: true, compared: 14 });
    });

    it('a benchmark from last year\'s mean needs last year\'s published run, then uses its mean', async () => {
      const make = async (year: number) => {
        const s = await office().post(v1('/mu/schemes'), { year, name: `${year}年度亩均评价办法` });
        const def = structuredClone(s.json().definition);
        def.groups[0].indicators[0].benchmark = { mode: 'lastYear', multiple: 2 };
        return (await office().put(v1(`/mu/schemes/${s.json().id}`), { version: 1, definition: def })).json();
      };
      const s27 = await make(2027);
      const res = await office().post(v1('/mu/runs'), { schemeId: s27.id });
      expectProblem(res, 400);
      expect(res.json().errors[0]).toMatchObject({ field: 'definition/groups/0/indicators/0/benchmark', code: 'mu.run.noPrior' });
      // 2026 against 2 × the mean 亩均税收 of 2025's published run (规上 1–10: 44·i / 50 → mean 4.84).
      const s26 = await make(2026);
      const ok = await office().post(v1('/mu/runs'), { schemeId: s26.id });
      expect(ok.statusCode).toBe(201);
      const g = (await office().get(v1(`/mu/runs/${ok.json().id}`))).json().groups[0];
      expect(g.indicators[0].benchmark).toBeCloseTo(9.68, 9);
    });
  });

  describe('scope', () => {
    it('a township reads the results of its own enterprises only; another unit none', async () => {
      const runs = (await w.clients.viewer.get(v1('/mu/runs?year=2025'))).json().items;
      const runId = runs[0].id;
      const tc = await signIn(app, ctx, await buildUser(ctx, { regionCode: w.region, unitId: township.unitId, roles: ['unit_staff'] }));
      const res = await tc.get(v1(`/mu/runs/${runId}/results?pageSize=50`));
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((r: any) => r.name).sort()).toEqual(['规上企业1', '规上企业2', '规上企业3']);
      expectProblem(await tc.get(v1(`/mu/runs/${runId}/results/${ids.get(code(9))}`)), 404);
      const other = await signIn(app, ctx, await buildUser(ctx, { regionCode: w.region, unitId: w.otherUnitId, roles: ['unit_staff'] }));
      expectProblem(await other.get(v1(`/mu/runs/${runId}/results`)), 403);
      expectProblem(await w.clients.sysadmin.get(v1('/mu/runs')), 403);
    });
  });
});
