// 加减分事项 by Excel on both databases: the year's template (prefilled; re-importing it unchanged is a no-op), the wide
// layout (a blank cell removes) and the long layout (事项 + 数量, header variants, title rows), every bad row with its
// reason, all-or-nothing commits audited once, and a published run that keeps its own inputs.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { auditSince, expectProblem, lastSeq } from './world.js';
import { buildEnterpriseWorld, type EnterpriseWorld } from './enterprise-world.js';
import { buildXlsx, readXlsx } from './xlsx.js';
import type { Ctx } from '../server/context.js';
import { newId } from '../server/platform/clock.js';

const v1 = (p: string) => `/api/v1${p}`;
const YEAR = 2025;
const SAFETY = '发生较大以上安全生产事故';
const HIGHTECH = '国家高新技术企业';
const ENV = '严重环境违法行为';

describeEachDb('亩均 bonus/deduction import', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let w: EnterpriseWorld;
  const firms: { id: string; code: string; name: string }[] = [];

  beforeAll(async () => {
    ({ app, ctx } = await testApp(getDb()));
    w = await buildEnterpriseWorld(app, ctx);
    const now = ctx.clock.now().toISOString();
    for (let i = 1; i <= 6; i++) {
      const id = newId();
      const code = `91${w.region.slice(0, 6)}MA${String(i).padStart(7, '0')}${i}`.slice(0, 18);
      const name = `加减分企业${i}`;
      firms.push({ id, code, name });
      await ctx.db.insertInto('enterprises').values({
        id, regionCode: w.region, creditCode: code, name, industryCode: '3411', townshipCode: w.township, park: null,
        aboveScale: 1, landAreaMu: 20 + i, producingSince: '2010-01-01', closedOn: null, codeOverrideReason: null, createdAt: now, updatedAt: now,
      }).execute();
      for (const [field, value] of Object.entries({ tax: 30 * i, value_added: 200 * i, energy: 400, emissions: 1, employees: 50, rd_expense: 10 * i, revenue: 3000 * i, electricity: 500 })) {
        await ctx.db.insertInto('enterpriseYearData').values({ enterpriseId: id, year: YEAR, field, value, source: 'stats', batchId: null, updatedAt: now }).execute();
      }
    }
    // Two enterprises share a name: a name alone cannot say which.
    for (const suffix of ['A', 'B']) {
      await ctx.db.insertInto('enterprises').values({
        id: newId(), regionCode: w.region, creditCode: `91${w.region.slice(0, 6)}MA99999${suffix}00`.slice(0, 18), name: '同名企业', industryCode: '3411', townshipCode: null, park: null,
        aboveScale: 1, landAreaMu: 10, producingSince: '2010-01-01', closedOn: null, codeOverrideReason: null, createdAt: now, updatedAt: now,
      }).execute();
    }
  });

  const office = () => w.office.staff;
  const upload = (buf: Buffer, commit?: string) => office().upload(v1(`/mu/adjustments/import?year=${YEAR}${commit ? `&commit=${commit}` : ''}`), 'adjustments.xlsx', buf);
  const stored = async () => (await ctx.db.selectFrom('muAdjustments').select(['enterpriseId', 'itemKey', 'quantity', 'note', 'updatedAt'])
    .where('regionCode', '=', w.region).where('year', '=', YEAR).orderBy('enterpriseId').orderBy('itemKey').execute()).map((r) => ({ ...r, quantity: Number(r.quantity) }));
  const inputsOf = async () => Object.fromEntries((await stored()).map((r) => [`${firms.find((f) => f.id === r.enterpriseId)?.name ?? r.enterpriseId}|${r.itemKey}`, `${r.quantity}${r.note ? `|${r.note}` : ''}`]));
  const template = async () => {
    const res = await office().get(v1(`/mu/adjustments/template?year=${YEAR}`));
    expect(res.statusCode, res.body).toBe(200);
    return res.rawPayload;
  };

  it('without a scheme for the year there is no template and no import', async () => {
    expectProblem(await office().get(v1(`/mu/adjustments/template?year=${YEAR}`)), 400);
    const res = await upload(await buildXlsx({ header: ['统一社会信用代码', HIGHTECH], rows: [[firms[0]!.code, 1]] }));
    expectProblem(res, 400);
    expect(res.json().errors[0]).toMatchObject({ field: 'year', code: 'mu.adjustment.noScheme' });
    expect((await office().post(v1('/mu/schemes'), { year: YEAR, name: '2025年度亩均评价办法' })).statusCode).toBe(201);
  });

  it('the template lists the input items as columns and today\'s inputs; re-importing it unchanged changes nothing', async () => {
    const put = (i: number, itemKey: string, quantity: number, note?: string) => office().put(v1('/mu/adjustments'), { year: YEAR, enterpriseId: firms[i]!.id, itemKey, quantity, note });
    expect((await put(0, 'hightech', 1, '高企证书')).statusCode).toBe(200);
    expect((await put(1, 'env_violation', 2, '环保督察通报')).statusCode).toBe(200);
    expect((await put(1, 'safety', 2, '两起事故')).statusCode).toBe(200);
    const buf = await template();
    const rows = await readXlsx(buf);
    expect(rows[0]![0]).toBe(`${YEAR}年度亩均效益评价加减分事项`);
    expect(rows[1]![0]).toContain('留空表示“无”');
    expect(rows[2]).toEqual(['统一社会信用代码', '企业名称', SAFETY, HIGHTECH, ENV, '备注']);
    expect(rows.slice(3)).toEqual([
      [firms[0]!.code, '加减分企业1', '', '1', '', '高企证书'],
      [firms[1]!.code, '加减分企业2', '2', '', '是', `${ENV}：环保督察通报；${SAFETY}：两起事故`],
    ]);
    const before = await stored();
    const preview = (await upload(buf)).json();
    expect(preview).toMatchObject({ committed: false, layout: 'wide', total: 2, created: 0, updated: 0, removed: 0, unchanged: 6, changes: [], errors: [] });
    const seq = await lastSeq(ctx);
    const done = (await upload(buf, '1')).json();
    expect(done).toMatchObject({ committed: true, created: 0, updated: 0, removed: 0 });
    expect(await stored()).toEqual(before);
    const audit = await auditSince(ctx, seq);
    expect(audit.map((a) => a.action)).toEqual(['mu.adjustment.import']);
  });

  it('wide layout: a blank cell of an enterprise in the file removes, names without codes match exactly; preview writes nothing', async () => {
    const file = await buildXlsx({
      titleRows: ['2025年度加减分事项汇总表', '填报单位：县经信局'],
      header: ['序号', '统一社会信用代码', '企业名称', HIGHTECH, SAFETY, ENV, '备注'],
      rows: [
        [1, firms[0]!.code.toLowerCase(), '加减分企业1', null, 1, null, '安监通报'],
        [2, null, '加减分企业3', '是', null, null, null],
        [3, firms[1]!.code, null, null, 2, '是', `${ENV}：环保督察通报；${SAFETY}：两起事故`],
      ],
    });
    const before = await stored();
    const p = (await upload(file)).json();
    expect(p.errors).toEqual([]);
    expect(p).toMatchObject({ layout: 'wide', total: 3, created: 2, updated: 0, removed: 1, unchanged: 6 });
    expect(p.changes.map((c: any) => [c.row, c.name, c.itemKey, c.kind, c.before?.quantity ?? null, c.after?.quantity ?? null, c.after?.note ?? null])).toEqual([
      [4, '加减分企业1', 'safety', 'added', null, 1, '安监通报'],
      [4, '加减分企业1', 'hightech', 'removed', 1, null, null],
      [5, '加减分企业3', 'hightech', 'added', null, 1, null],
    ]);
    expect(await stored()).toEqual(before);
    const seq = await lastSeq(ctx);
    expect((await upload(file, 'true')).json()).toMatchObject({ committed: true, created: 2, removed: 1 });
    expect(await inputsOf()).toEqual({
      '加减分企业1|safety': '1|安监通报', '加减分企业2|env_violation': '2|环保督察通报', '加减分企业2|safety': '2|两起事故', '加减分企业3|hightech': '1',
    });
    const audit = await auditSince(ctx, seq);
    expect(audit).toHaveLength(1);
    const entry = JSON.parse(audit[0]!.afterJson!);
    expect(entry).toMatchObject({ year: YEAR, layout: 'wide', rows: 3, added: 2, changed: 0, removed: 1 });
    // Every change is in the entry, with its enterprise, item, and the quantity and note before and after.
    expect(entry.changes).toEqual([
      { enterpriseId: firms[0]!.id, creditCode: firms[0]!.code, name: '加减分企业1', itemKey: 'safety', kind: 'added', before: null, after: { quantity: 1, note: '安监通报' } },
      { enterpriseId: firms[0]!.id, creditCode: firms[0]!.code, name: '加减分企业1', itemKey: 'hightech', kind: 'removed', before: { quantity: 1, note: '高企证书' }, after: null },
      { enterpriseId: firms[2]!.id, creditCode: firms[2]!.code, name: '加减分企业3', itemKey: 'hightech', kind: 'added', before: null, after: { quantity: 1, note: null } },
    ]);
  });

  it('long layout with header variants: only the listed pairs change, 0 removes, the note column replaces notes', async () => {
    const file = await buildXlsx({
      titleRows: ['加减分事项明细'],
      header: ['信用代码', '名称', '加减分事项', '次数', '说明'],
      rows: [
        [firms[2]!.code, '加减分企业3', HIGHTECH, 0, null],
        [firms[0]!.code, '加减分企业1', SAFETY, '3次', '三起'],
        [firms[3]!.code, null, ENV, '是', '通报'],
      ],
    });
    const p = (await upload(file)).json();
    expect(p.errors).toEqual([]);
    expect(p).toMatchObject({ layout: 'long', total: 3, created: 1, updated: 1, removed: 1, unchanged: 0 });
    expect((await upload(file, 'true')).json()).toMatchObject({ committed: true });
    expect(await inputsOf()).toEqual({
      '加减分企业1|safety': '3|三起', '加减分企业2|env_violation': '2|环保督察通报', '加减分企业2|safety': '2|两起事故', '加减分企业4|env_violation': '1|通报',
    });
  });

  it('every bad row is reported with its row, the column and the reason; a commit with one bad row writes nothing', async () => {
    const file = await buildXlsx({
      titleRows: ['加减分事项'],
      header: ['统一社会信用代码', '企业名称', '事项', '数量', '备注'],
      rows: [
        [firms[4]!.code, '加减分企业5', HIGHTECH, 1, '好行'], // row 3: fine
        ['91000000MA00000000', '不存在企业', HIGHTECH, 1, null], // 4: unknown code
        [firms[4]!.code, '别的名字', SAFETY, 1, null], // 5: name mismatch
        [firms[4]!.code, '加减分企业5', '纳税信用A级', 1, null], // 6: unknown item
        [firms[4]!.code, '加减分企业5', '出租厂房（第一家以外每家）', 2, null], // 7: tenants item
        [firms[5]!.code, '加减分企业6', SAFETY, -1, null], // 8: negative
        [firms[5]!.code, '加减分企业6', HIGHTECH, 1.5, null], // 9: not whole
        [firms[5]!.code, '加减分企业6', ENV, '严重', null], // 10: yes/no
        [firms[4]!.code, '加减分企业5', HIGHTECH, 2, null], // 11: duplicate of row 3
        [null, '没有这家', HIGHTECH, 1, null], // 12: unknown name
        [null, '同名企业', HIGHTECH, 1, null], // 13: ambiguous name
        [firms[2]!.code, '加减分企业3', SAFETY, null, null], // 14: no quantity
        [firms[2]!.code, '加减分企业3', HIGHTECH, 5000, null], // 15: too many
      ],
    });
    const before = await stored();
    const p = (await upload(file)).json();
    expect(p.errors.map((e: any) => [e.row, e.field, e.code])).toEqual([
      [4, '统一社会信用代码', 'mu.adjustment.import.unknownCode'],
      [5, '企业名称', 'mu.adjustment.import.nameMismatch'],
      [6, '事项', 'mu.adjustment.import.unknownItem'],
      [7, '事项', 'mu.adjustment.import.automatic'],
      [8, '数量', 'mu.adjustment.import.negative'],
      [9, '数量', 'mu.adjustment.import.notInteger'],
      [10, '数量', 'mu.adjustment.import.yesNo'],
      [11, '事项', 'mu.adjustment.import.duplicatePair'],
      [12, '企业名称', 'mu.adjustment.import.unknownName'],
      [13, '企业名称', 'mu.adjustment.import.ambiguousName'],
      [14, '数量', 'mu.adjustment.import.noQuantity'],
      [15, '数量', 'mu.adjustment.import.tooMany'],
    ]);
    const unknownItem = p.errors.find((e: any) => e.row === 6).message;
    expect(unknownItem).toContain('纳税信用A级');
    expect(unknownItem).toContain(`${SAFETY}、${HIGHTECH}、${ENV}`);
    expect(p.errors.find((e: any) => e.row === 11).message).toContain('第 3 行');
    expect(p.errors.find((e: any) => e.row === 5).message).toContain('加减分企业5');
    const seq = await lastSeq(ctx);
    const res = await upload(file, 'true');
    expectProblem(res, 400);
    expect(res.json().errors).toHaveLength(12);
    expect(await stored()).toEqual(before);
    expect(await auditSince(ctx, seq)).toEqual([]);
  });

  it('wide layout: the same enterprise twice, a value in an automatic item\'s column and a non-whole count are refused', async () => {
    const file = await buildXlsx({
      header: ['统一社会信用代码', '企业名称', HIGHTECH, '出租厂房（第一家以外每家）', '备注'],
      rows: [
        [firms[4]!.code, '加减分企业5', 1, null, null],
        [firms[4]!.code, '加减分企业5', null, null, null],
        [firms[5]!.code, '加减分企业6', '1.5', 3, null],
      ],
    });
    const p = (await upload(file)).json();
    expect(p.errors.map((e: any) => [e.row, e.field, e.code])).toEqual([
      [3, '统一社会信用代码', 'mu.adjustment.import.duplicateEnterprise'],
      [4, '出租厂房（第一家以外每家）', 'mu.adjustment.import.automatic'],
      [4, HIGHTECH, 'mu.adjustment.import.notInteger'],
    ]);
    expectProblem(await upload(file, '1'), 400);
  });

  it('item columns written with their points (国家高新技术企业（+3分/项）) are read; a note over 200 characters is refused', async () => {
    const file = await buildXlsx({
      header: ['统一社会信用代码', '国家高新技术企业（+3分/项）', '严重环境违法行为(直接定为D类)', '备注'],
      rows: [[firms[4]!.code, 1, null, null], [firms[5]!.code, null, '是', '长'.repeat(201)]],
    });
    const p = (await upload(file)).json();
    expect(p.errors.map((e: any) => [e.row, e.field, e.code])).toEqual([[3, '备注', 'invalid.maxLength']]);
    expect(p.changes.map((c: any) => [c.row, c.itemKey, c.kind])).toEqual([[2, 'hightech', 'added']]);
  });

  it('a commit diffs against the inputs inside its transaction: an entry made after the file was read is not overwritten', async () => {
    const firm = firms[4]!;
    const file = await buildXlsx({ header: ['统一社会信用代码', '事项', '数量'], rows: [[firm.code, SAFETY, 2]] });
    // Previewed against today's inputs: the pair would be added.
    expect((await upload(file)).json()).toMatchObject({ created: 1, unchanged: 0, errors: [] });
    // Someone enters the same pair with a note just before the import's transaction starts (after anything the request
    // read outside it): the commit must see that entry, not write the diff it would have made before.
    const real = ctx.db;
    let injected = false;
    ctx.db = new Proxy(real, {
      get(target, prop) {
        if (prop === 'transaction') {
          return () => ({
            execute: async (fn: any) => {
              if (!injected) {
                injected = true;
                await real.insertInto('muAdjustments').values({ regionCode: w.region, year: YEAR, enterpriseId: firm.id, itemKey: 'safety', quantity: 2, note: '刚录入', updatedBy: null, updatedAt: ctx.clock.now().toISOString() }).execute();
              }
              return real.transaction().execute(fn);
            },
          });
        }
        const v = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    let done: any;
    const seq = await lastSeq(ctx);
    try { done = (await upload(file, '1')).json(); } finally { ctx.db = real; }
    expect(injected).toBe(true);
    expect(done).toMatchObject({ committed: true, created: 0, updated: 0, removed: 0, unchanged: 1 });
    expect((await stored()).filter((r) => r.enterpriseId === firm.id)).toMatchObject([{ itemKey: 'safety', quantity: 2, note: '刚录入' }]);
    const audit = await auditSince(ctx, seq);
    expect(audit.map((a) => a.action)).toEqual(['mu.adjustment.import']);
    expect(JSON.parse(audit[0]!.afterJson!)).toMatchObject({ added: 0, unchanged: 1, changes: [] });
    await ctx.db.deleteFrom('muAdjustments').where('enterpriseId', '=', firm.id).execute();
  });

  it('a sheet without the enterprise or item columns is refused naming them', async () => {
    const res = await upload(await buildXlsx({ header: ['序号', '金额'], rows: [[1, 2]] }));
    expectProblem(res, 400);
    expect(res.json().errors[0]).toMatchObject({ field: 'file', code: 'import.missingColumn' });
  });

  it('only the 亩均 office imports and downloads the template', async () => {
    expectProblem(await w.supervisor.get(v1(`/mu/adjustments/template?year=${YEAR}`)), 403);
    expectProblem(await w.otherUnitStaff.upload(v1(`/mu/adjustments/import?year=${YEAR}`), 'a.xlsx', await template()), 403);
  });

  describe('runs', () => {
    it('a published run keeps the inputs it was run with; a new draft takes the imported ones', async () => {
      const scheme = (await office().get(v1(`/mu/schemes?year=${YEAR}`))).json().items[0];
      const run = (await office().post(v1('/mu/runs'), { schemeId: scheme.id })).json();
      expect((await office().post(v1(`/mu/runs/${run.id}/publish`))).statusCode).toBe(200);
      const f4 = firms[3]!.id; // env_violation → D
      const before = (await office().get(v1(`/mu/runs/${run.id}/results/${f4}`))).json();
      expect(before.row).toMatchObject({ class: 'D', forcedReason: ENV });
      const file = await buildXlsx({ header: ['统一社会信用代码', '事项', '数量'], rows: [[firms[3]!.code, ENV, '否']] });
      expect((await upload(file, '1')).json()).toMatchObject({ committed: true, removed: 1 });
      expect((await office().get(v1(`/mu/runs/${run.id}/results/${f4}`))).json()).toEqual(before);
      expect((await office().get(v1(`/mu/runs/${run.id}/reproduce`))).json()).toMatchObject({ identical: true });
      const draft = (await office().post(v1('/mu/runs'), { schemeId: scheme.id })).json();
      expect(draft.id).not.toBe(run.id);
      const after = (await office().get(v1(`/mu/runs/${draft.id}/results/${f4}`))).json();
      expect(after.row.forcedReason).toBeNull();
    });
  });
});
