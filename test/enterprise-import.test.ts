// Yearly figures from the source bureaus' sheets: columns by their customary names and variants, the header below
// title rows, 万元/元 (and 千瓦时, 平方米) from the header, every bad row previewed with its reason, nothing imported
// until the file is clean, re-imports update, the batch history and the completeness of a year.
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../server/context.js';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { auditSince, countRows, expectProblem, lastSeq } from './world.js';
import { buildEnterpriseWorld, nextCreditCode, type EnterpriseWorld } from './enterprise-world.js';
import { buildXlsx } from './xlsx.js';
import { creditCheckChar } from '../server/modules/enterprises/credit-code.js';
import { enterpriseSnapshot } from '../server/modules/enterprises/snapshot.js';

describeEachDb('enterprise yearly data import', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let w: EnterpriseWorld;
  const codes: string[] = [];
  const ids: string[] = [];
  beforeAll(async () => {
    ({ app, ctx } = await testApp(getDb()));
    w = await buildEnterpriseWorld(app, ctx);
    for (let i = 0; i < 4; i++) {
      const code = nextCreditCode(w.region);
      const res = await w.office.staff.post('/api/v1/enterprises', { creditCode: code, name: `数据企业${i + 1}`, townshipCode: w.township, aboveScale: i < 3, landAreaMu: i === 3 ? null : 20 + i });
      codes.push(code); ids.push(res.json().id);
    }
  });

  const upload = (source: string, year: number, buf: Buffer, commit = false, c = w.office.staff) =>
    c.upload(`/api/v1/enterprise-data/import?source=${source}&year=${year}${commit ? '&commit=true' : ''}`, `${source}.xlsx`, buf);
  const figure = async (id: string, year: number, field: string) =>
    (await ctx.db.selectFrom('enterpriseYearData').select('value').where('enterpriseId', '=', id).where('year', '=', year).where('field', '=', field).executeTakeFirst())?.value;

  it('a tax sheet in 元 below title rows, with 信用代码/名称 variants, a totals row and ignorable columns: converted to 万元', async () => {
    const file = await buildXlsx({
      titleRows: ['2025年度工业企业实缴税金明细表', '填报单位：国家税务总局示例县税务局'],
      header: ['序号', '信用代码', '名称', '所属乡镇', '入库税金（元）', '备注'],
      rows: [[1, codes[0], '数据企业1', '青石镇', '1,234,567.8', ''], [2, codes[1].toLowerCase(), '数据企业2', '', 890000, ''], [null, null, '合计', null, 2124567.8, null]],
    });
    const p = (await upload('tax', 2025, file)).json();
    expect(p).toMatchObject({ committed: false, total: 3, created: 2, updated: 0, errors: [] });
    expect(p.columns).toEqual([{ header: '入库税金（元）', field: 'tax', unit: '元', factor: 0.0001 }]);
    expect(p.sample.map((s: any) => s.values.tax)).toEqual([123.45678, 89]);
    expect(await figure(ids[0], 2025, 'tax')).toBeUndefined(); // a preview writes nothing
    const seq = await lastSeq(ctx);
    const c = (await upload('tax', 2025, file, true)).json();
    expect(c).toMatchObject({ committed: true, created: 2, updated: 0, batchId: expect.any(String) });
    expect(await figure(ids[0], 2025, 'tax')).toBeCloseTo(123.45678, 6);
    expect((await auditSince(ctx, seq)).map((e) => e.action)).toEqual(['enterprise.dataImport']);
  });

  it('the same figures in 万元 (unit in a title row or the header, or none) give the same stored value; re-import updates', async () => {
    const byTitle = await buildXlsx({ titleRows: ['2025年度税收', '单位：万元'], header: ['统一社会信用代码', '企业名称', '实缴税金'], rows: [[codes[0], '数据企业1', 130.5]] });
    const p = (await upload('tax', 2025, byTitle, true)).json();
    expect(p).toMatchObject({ committed: true, created: 0, updated: 1 });
    expect(p.columns[0]).toMatchObject({ unit: '万元', factor: 1 });
    expect(await figure(ids[0], 2025, 'tax')).toBe(130.5);
    const byHeader = await buildXlsx({ header: ['统一社会信用代码', '税收(万元)'], rows: [[codes[0], 131]] });
    expect((await upload('tax', 2025, byHeader, true)).json()).toMatchObject({ updated: 1 });
    expect(await figure(ids[0], 2025, 'tax')).toBe(131);
    expect(await countRows(ctx, 'enterprise_year_data')).toBeGreaterThan(0);
    const n = await ctx.db.selectFrom('enterpriseYearData').select((eb) => eb.fn.countAll<number>().as('n')).where('enterpriseId', '=', ids[0]).where('field', '=', 'tax').executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
    const bigger = await buildXlsx({ titleRows: ['金额单位：元'], header: ['统一社会信用代码', '实缴税金'], rows: [[codes[0], 1310000]] });
    expect((await upload('tax', 2025, bigger)).json().sample[0].values.tax).toBe(131);
  });

  it('every bad row with its reason: wrong check character, duplicated code, unknown enterprise, negative tax, text for a number; nothing imported', async () => {
    const wrong = codes[2].slice(0, 17) + (codes[2][17] === '0' ? '1' : '0');
    const unknown = nextCreditCode(w.region);
    const file = await buildXlsx({
      titleRows: ['2024年度实缴税金'],
      header: ['统一社会信用代码', '企业名称', '实缴税金（万元）'],
      rows: [
        [codes[0], '数据企业1', 50], // row 3: fine
        [wrong, '数据企业3', 20], // row 4
        [codes[0], '数据企业1', 51], // row 5: duplicate of row 3
        [unknown, '外县企业', 10], // row 6
        [codes[1], '数据企业2', -5], // row 7
        [codes[3], '数据企业4', '约十万'], // row 8
        ['91990121', '短代码企业', 1], // row 9
      ],
    });
    const before = await countRows(ctx, 'enterprise_year_data');
    const p = (await upload('tax', 2024, file)).json();
    expect(p.errors.map((e: any) => `${e.row} ${e.field} ${e.code}`)).toEqual([
      '4 统一社会信用代码 enterprise.code.check', '5 统一社会信用代码 enterprise.import.duplicateInFile',
      '6 统一社会信用代码 enterprise.import.unknownEnterprise', '7 实缴税金（万元） enterprise.import.negative',
      '8 实缴税金（万元） enterprise.import.notNumber', '9 统一社会信用代码 enterprise.code.length',
    ]);
    expect(p.errors[0].message).toContain(`应为 ${codes[2][17]}`);
    expect(p.errors[1].message).toContain('第 3 行');
    expect(p.errors[4].message).toContain('约十万');
    const body = expectProblem(await upload('tax', 2024, file, true), 400, 'import.badRows');
    expect(body.errors).toHaveLength(6);
    expect(await countRows(ctx, 'enterprise_year_data')).toBe(before);
    expect(await countRows(ctx, 'enterprise_data_batches')).toBe(2 + 1 + 0); // the three earlier commits only
  });

  it('land of zero or missing is refused; square metres convert to 亩', async () => {
    const file = await buildXlsx({ header: ['统一社会信用代码', '企业名称', '用地面积（亩）'], rows: [[codes[0], 'a', 0], [codes[1], 'b', null], [codes[2], 'c', 25.5]] });
    // row 3 has a name but no land: the row is read (name present) and flagged.
    const p = (await upload('land', 2025, file)).json();
    expect(p.errors.map((e: any) => `${e.row} ${e.code}`)).toEqual(['2 enterprise.import.landZero', '3 enterprise.import.landMissing']);
    const sqm = await buildXlsx({ header: ['统一社会信用代码', '土地面积(平方米)'], rows: [[codes[0], 20000], [codes[1], 6666.67]] });
    const q = (await upload('land', 2025, sqm, true)).json();
    expect(q).toMatchObject({ committed: true, errors: [] });
    expect(await figure(ids[0], 2025, 'land_area')).toBe(30);
    expect(await figure(ids[1], 2025, 'land_area')).toBeCloseTo(10, 3);
  });

  it('unknown columns and columns of another source are refused, naming the allowed ones; a sheet without a code column too', async () => {
    const file = await buildXlsx({ header: ['统一社会信用代码', '企业名称', '实缴税金（万元）', '利润总额', '用电量'], rows: [[codes[0], 'a', 1, 2, 3]] });
    const p = (await upload('tax', 2025, file)).json();
    expect(p.errors.map((e: any) => `${e.row} ${e.field} ${e.code}`)).toEqual(['1 利润总额 enterprise.import.unknownColumn', '1 用电量 enterprise.import.unknownColumn']);
    expect(p.errors[0].message).toContain('实缴税金');
    expectProblem(await upload('tax', 2025, await buildXlsx({ header: ['企业名称', '实缴税金'], rows: [['a', 1]] })), 400, 'enterprise.import.missingColumn');
    expectProblem(await upload('tax', 2025, await buildXlsx({ header: ['统一社会信用代码', '企业名称'], rows: [[codes[0], 'a']] })), 400, 'enterprise.import.missingColumn');
    const foreign = (await upload('tax', 2025, await buildXlsx({ header: ['统一社会信用代码', '实缴税金（美元）'], rows: [[codes[0], 1]] }))).json();
    expect(foreign.errors[0]).toMatchObject({ code: 'enterprise.import.unknownColumn' });
  });

  it('a statistics sheet fills four fields, negative value added allowed; power in 千瓦时; a year column must match', async () => {
    const stats = await buildXlsx({
      titleRows: ['2025年规上工业企业主要经济指标'],
      header: ['统一社会信用代码', '企业名称', '工业增加值（万元）', '营业收入(万元)', '研发费用（元）', '从业人员平均人数', '年度'],
      rows: [[codes[0], 'a', 800, 5200, 1560000, 86, 2025], [codes[1], 'b', -12.5, 300, '', 20, '2025年'], [codes[2], 'c', 1, 1, 1, 1, 2024]],
    });
    const p = (await upload('stats', 2025, stats)).json();
    expect(p.errors.map((e: any) => `${e.row} ${e.code}`)).toEqual(['5 enterprise.import.yearMismatch']);
    const ok = await buildXlsx({ header: ['统一社会信用代码', '工业增加值（万元）', '营业收入(万元)', '研发费用（元）', '从业人员平均人数'], rows: [[codes[0], 800, 5200, 1560000, 86], [codes[1], -12.5, 300, '', 20]] });
    expect((await upload('stats', 2025, ok, true)).json()).toMatchObject({ committed: true });
    expect(await figure(ids[0], 2025, 'rd_expense')).toBe(156);
    expect(await figure(ids[1], 2025, 'value_added')).toBe(-12.5);
    expect(await figure(ids[1], 2025, 'rd_expense')).toBeUndefined();
    const power = await buildXlsx({ header: ['统一社会信用代码', '全年用电量（千瓦时）'], rows: [[codes[0], 1_250_000]] });
    expect((await upload('power', 2025, power, true)).json()).toMatchObject({ committed: true });
    expect(await figure(ids[0], 2025, 'electricity')).toBe(125);
    const snap = await enterpriseSnapshot(ctx, ctx.db, w.region, 2025);
    expect(snap.find((e) => e.id === ids[0])!.data).toEqual({ tax: 131, value_added: 800, revenue: 5200, rd_expense: 156, employees: 86, electricity: 125, land_area: 30 });
  });

  it('an enterprise accepted with a failing code can be imported by that code', async () => {
    const wrongOrg = `91${w.region}MB000001Y`;
    const code = wrongOrg + creditCheckChar(wrongOrg);
    const res = await w.office.admin.post('/api/v1/enterprises', { creditCode: code, name: '例外代码企业', codeOverrideReason: '早期试点代码，已核实' });
    expect(res.statusCode, res.body).toBe(201);
    const file = await buildXlsx({ header: ['统一社会信用代码', '实缴税金'], rows: [[code, 3]] });
    expect((await upload('tax', 2025, file)).json().errors).toEqual([]);
  });

  it('the batch history and the completeness of a year; only the office imports; a township sees its own completeness', async () => {
    const b = (await w.supervisor.get('/api/v1/enterprise-data/batches?source=tax')).json();
    expect(b.items.length).toBe(3);
    expect(b.items[0]).toMatchObject({ source: 'tax', year: 2025, fileName: 'tax.xlsx', createdByName: expect.any(String) });
    expect((await w.townshipStaff.get('/api/v1/enterprise-data/batches')).json().total).toBe(0);
    const c = (await w.office.staff.get('/api/v1/enterprise-data/completeness?year=2025')).json();
    expect(c.enterprises).toBe(5);
    const row = (code: string) => c.items.find((x: any) => x.creditCode === code);
    expect(row(codes[0]).missing).toEqual(['energy', 'emissions']);
    expect(row(codes[3]).missing).toEqual(['tax', 'value_added', 'revenue', 'rd_expense', 'employees', 'electricity', 'energy', 'emissions', 'land_area']);
    expect(row(codes[2]).missing).not.toContain('land_area'); // the registry's own land counts
    expect(c.missingByField.energy).toBe(5);
    const byField = (await w.office.staff.get('/api/v1/enterprise-data/completeness?year=2025&field=tax')).json();
    expect(byField.items.map((x: any) => x.creditCode)).toEqual(expect.arrayContaining([codes[2], codes[3]]));
    expect(byField.items.map((x: any) => x.creditCode)).not.toContain(codes[0]);
    expect((await w.townshipStaff.get('/api/v1/enterprise-data/completeness?year=2025')).json().enterprises).toBe(4);
    expect((await w.otherUnitStaff.get('/api/v1/enterprise-data/completeness?year=2025')).json().enterprises).toBe(0);
    const file = await buildXlsx({ header: ['统一社会信用代码', '实缴税金'], rows: [[codes[0], 1]] });
    for (const cl of [w.supervisor, w.townshipStaff, w.otherUnitStaff]) expectProblem(await upload('tax', 2025, file, true, cl), 403);
    const tpl = await w.office.staff.get('/api/v1/enterprise-data/template?source=stats');
    expect(tpl.statusCode).toBe(200);
  });
});
