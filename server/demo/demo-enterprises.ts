// Demo 企业库 for the demo county: ~120 fictitious industrial enterprises in its townships and the 经济开发区, with valid
// credit codes (check characters computed), land parcels, a few tenants renting plant, and the 2024 and 2025 figures of
// every source bureau — imported through the real import, sheet by sheet, as the bureaus send them (税务局 in 元 below
// title rows, 统计局 in 万元, 供电公司 in 千瓦时 …). Seeded random: the same county every time. The 亩均 office
// (setting mu.officeUnitIds) is 县经济和信息化局.
import ExcelJS from 'exceljs';
import type { Ctx } from '../context.js';
import { audit, inTransaction } from '../context.js';
import type { Actor } from '../platform/access/actor.js';
import { loadActor } from '../platform/access/load-actor.js';
import { putSetting } from '../platform/settings.js';
import { buildCreditCode } from '../modules/enterprises/credit-code.js';
import { addParcel, addTenancy } from '../modules/enterprises/service.js';
import { importRegistry } from '../modules/enterprises/registry-sheet.js';
import { importSourceData } from '../modules/enterprises/data-service.js';
import type { DataSource } from '../../common/enterprise-fields.js';

export const DEMO_MU_OFFICE = '县经济和信息化局';

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INDUSTRIES: { code: string; stem: string; taxPerMu: number; intensity: number }[] = [
  { code: '1391', stem: '食品', taxPerMu: 6, intensity: 1 },
  { code: '1469', stem: '调味品', taxPerMu: 7, intensity: 1 },
  { code: '1711', stem: '纺织', taxPerMu: 4, intensity: 1.6 },
  { code: '1811', stem: '服饰', taxPerMu: 5, intensity: 0.8 },
  { code: '2221', stem: '纸业', taxPerMu: 5, intensity: 2.5 },
  { code: '2614', stem: '化工', taxPerMu: 14, intensity: 3 },
  { code: '2720', stem: '药业', taxPerMu: 22, intensity: 1.2 },
  { code: '2922', stem: '塑业', taxPerMu: 6, intensity: 1.3 },
  { code: '3021', stem: '建材', taxPerMu: 5, intensity: 3.5 },
  { code: '3311', stem: '钢构', taxPerMu: 7, intensity: 1.5 },
  { code: '3484', stem: '机械', taxPerMu: 9, intensity: 1 },
  { code: '3523', stem: '装备', taxPerMu: 11, intensity: 1 },
  { code: '3670', stem: '汽车零部件', taxPerMu: 12, intensity: 1.1 },
  { code: '3813', stem: '电机', taxPerMu: 10, intensity: 1 },
  { code: '3982', stem: '电子', taxPerMu: 16, intensity: 0.7 },
];
const PREFIXES = ['恒达', '鑫源', '华强', '永盛', '金泰', '宏远', '瑞丰', '博创', '天成', '润和', '兴隆', '卓越', '嘉禾', '盛世', '远航', '中科', '新锐', '国鼎', '海川', '明德', '东升', '福瑞', '安泰', '众合'];
const PARKS = ['示例县经济开发区', '示例县经济开发区', '城东工业园', '青石工业集中区'];

interface DemoFirm {
  creditCode: string; name: string; industry: (typeof INDUSTRIES)[number]; township: string; park: string | null; above: boolean;
  land: number | null; producingSince: string; closedOn: string | null; base: { tax: number; va: number }; lossMaking: boolean; tenantOf?: number;
}

function firms(townships: string[]): DemoFirm[] {
  const r = rng(20260501);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const logn = (median: number, spread: number) => median * Math.exp((r() + r() + r() - 1.5) * spread);
  const out: DemoFirm[] = [];
  const used = new Set<string>();
  for (let i = 0; i < 120; i++) {
    const industry = INDUSTRIES[i % INDUSTRIES.length];
    let name: string;
    do name = `示例县${pick(PREFIXES)}${industry.stem}${r() < 0.3 ? '科技' : ''}有限公司`; while (used.has(name));
    used.add(name);
    const above = i % 5 < 3; // three in five 规上
    const inPark = r() < 0.45;
    const park = inPark ? pick(PARKS) : null;
    const township = park === '示例县经济开发区' ? townships[0] : park === '青石工业集中区' ? townships[5] : townships[Math.floor(r() * townships.length)];
    const tenant = i >= 110; // ten small firms renting plant on another's parcel
    const land = tenant ? null : Math.round((above ? logn(45, 1.1) : logn(8, 0.7)) * 100) / 100;
    const year = i >= 104 && i < 110 ? 2024 : 2004 + Math.floor(r() * 20); // six firms started producing in 2024
    const producingSince = `${year}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-01`;
    const closedOn = i === 17 || i === 61 ? '2024-09-30' : null; // two closed during 2024
    const perMu = logn(industry.taxPerMu * (above ? 1 : 0.45), 0.9);
    const effLand = land ?? 2 + r() * 3;
    const tax = Math.round(perMu * effLand * 100) / 100;
    const va = Math.round(tax * (4 + r() * 4) * 100) / 100;
    const body8 = `MA${(0x100000 + Math.floor(r() * 0xeffff)).toString(36).toUpperCase().replace(/[IOSVZ]/g, '8').padStart(6, '0').slice(-6)}`;
    const creditCode = buildCreditCode('91', '990121', body8);
    out.push({ creditCode, name, industry, township, park, above, land, producingSince, closedOn, base: { tax, va }, lossMaking: i === 33, tenantOf: tenant ? (i - 110) * 7 : undefined });
  }
  return out;
}

async function sheet(title: string[], header: string[], rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const t of title) ws.addRow([t]);
  ws.addRow(header);
  for (const row of rows) ws.addRow(row.map((v) => (v === null ? undefined : v)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Seeds the demo registry once (skipped when the county has enterprises already or no 经信局 administrator exists). */
export async function seedDemoEnterprises(ctx: Ctx, regionCode: string, log: (s: string) => void = () => {}): Promise<number> {
  const have = await ctx.db.selectFrom('enterprises').select('id').where('regionCode', '=', regionCode).limit(1).executeTakeFirst();
  if (have) return 0;
  const office = await ctx.db.selectFrom('units').select('id').where('regionCode', '=', regionCode).where('name', '=', DEMO_MU_OFFICE).executeTakeFirst();
  if (!office) return 0;
  const admin = await ctx.db.selectFrom('users').innerJoin('userRoles', 'userRoles.userId', 'users.id').select('users.id')
    .where('users.unitId', '=', office.id).where('userRoles.role', '=', 'unit_admin').orderBy('users.username').executeTakeFirst();
  if (!admin) return 0;
  await inTransaction(ctx, async (trx) => {
    await putSetting(ctx, trx, 'mu.officeUnitIds', [office.id]);
    await audit(ctx, trx, null, { action: 'settings.update', entityType: 'settings', after: { 'mu.officeUnitIds': [office.id] } });
  });
  const actor = (await loadActor(ctx, admin.id, '127.0.0.1')) as Actor;
  const townships = (await ctx.db.selectFrom('regions').select(['code', 'name']).where('parentCode', '=', regionCode).where('level', '=', 'township').orderBy('code').execute());
  const list = firms(townships.map((t) => t.name));

  const registry = await sheet(['示例县工业企业名录（亩均论英雄）'], ['统一社会信用代码', '企业名称', '行业代码', '所属乡镇', '所属园区', '规上企业', '自有用地面积（亩）', '投产日期', '关停日期'],
    list.map((f) => [f.creditCode, f.name, `C${f.industry.code}`, f.township, f.park, f.above ? '是' : '否', f.land, f.producingSince, f.closedOn]));
  const reg = await importRegistry(ctx, actor, registry, true);
  if (reg.errors.length) throw new Error(`demo registry: ${JSON.stringify(reg.errors.slice(0, 3))}`);
  const ids = new Map((await ctx.db.selectFrom('enterprises').select(['id', 'creditCode']).where('regionCode', '=', regionCode).execute()).map((e) => [e.creditCode, e.id]));

  // Parcels: one or two per enterprise with land (the certificate numbers are fictitious); tenants on a landlord's first parcel.
  const r = rng(77);
  const parcelOf = new Map<number, string>();
  for (const [i, f] of list.entries()) {
    if (f.land == null) continue;
    const split = f.land > 30 && r() < 0.5 ? Math.round(f.land * (0.55 + r() * 0.3) * 100) / 100 : f.land;
    const parts = split === f.land ? [f.land] : [split, Math.round((f.land - split) * 100) / 100];
    for (const [k, area] of parts.entries()) {
      const d = await addParcel(ctx, actor, ids.get(f.creditCode)!, {
        certificateNo: `示(${f.producingSince.slice(0, 4)})示例县不动产权第${String(1000 + i * 3 + k).padStart(7, '0')}号`, location: `${f.township}${f.park ?? ''}`, areaMu: area, landUse: '工业用地', acquiredOn: f.producingSince,
      });
      if (k === 0) parcelOf.set(i, d.parcels[0].id);
    }
  }
  for (const [i, f] of list.entries()) {
    if (f.tenantOf === undefined) continue;
    const landlord = list[f.tenantOf];
    await addTenancy(ctx, actor, ids.get(f.creditCode)!, { landlordId: ids.get(landlord.creditCode)!, parcelId: parcelOf.get(f.tenantOf) ?? null, areaMu: Math.round((1.5 + r() * 3) * 10) / 10, fromDate: '2023-01-01' });
  }

  // Figures of each year, by source, as each bureau sends them.
  const d = rng(4242);
  for (const year of [2024, 2025]) {
    const live = list.filter((f) => !(f.closedOn && f.closedOn < `${year}-01-01`) && f.producingSince <= `${year}-12-31`);
    const g = new Map(live.map((f) => [f.creditCode, year === 2024 ? 1 : 0.85 + d() * 0.4]));
    const tax = (f: DemoFirm) => Math.round(f.base.tax * g.get(f.creditCode)! * 10000); // 元
    const va = (f: DemoFirm) => (f.lossMaking && year === 2025 ? -35.6 : Math.round(f.base.va * g.get(f.creditCode)! * 100) / 100);
    const imports: [DataSource, string, Buffer][] = [
      ['tax', `税务局-${year}年度实缴税金.xlsx`, await sheet([`${year}年度工业企业实缴税金明细表`, '填报单位：国家税务总局示例县税务局', '单位：元'], ['序号', '纳税人识别号', '纳税人名称', '实缴税金'],
        live.map((f, k) => [k + 1, f.creditCode, f.name, tax(f)]))],
      ['stats', `统计局-${year}年度规上工业主要指标.xlsx`, await sheet([`${year}年规模以上工业企业主要经济指标`], ['统一社会信用代码', '企业名称', '工业增加值（万元）', '主营业务收入（万元）', 'R&D经费支出（万元）', '年平均职工人数（人）'],
        live.filter((f) => f.above).map((f) => {
          const v = va(f); const rev = Math.round(Math.abs(f.base.va) * (3 + d() * 2) * g.get(f.creditCode)! * 100) / 100;
          return [f.creditCode, f.name, v, rev, d() < 0.15 ? null : Math.round(rev * (0.005 + d() * 0.04) * 100) / 100, Math.max(8, Math.round(Math.abs(f.base.va) / (12 + d() * 14)))];
        }))],
      ['power', `供电公司-${year}年度用电量.xlsx`, await sheet([`${year}年度工业用户用电量`], ['户名', '统一社会信用代码', '全年用电量（千瓦时）'].map((h) => (h === '户名' ? '企业名称' : h)),
        live.map((f) => [f.name, f.creditCode, Math.round((f.base.tax * g.get(f.creditCode)! / (0.15 + d() * 0.4)) * 10000 * f.industry.intensity)]))],
      ['energy', `发改局-${year}年度综合能耗.xlsx`, await sheet([], ['统一社会信用代码', '企业名称', '综合能耗（吨标准煤）'],
        live.filter((f) => f.above).map((f) => [f.creditCode, f.name, Math.round(Math.abs(f.base.va) / (1.5 + d() * 3) * f.industry.intensity * 10) / 10]))],
      // The environment bureau's sheet misses a few enterprises: the completeness page shows them.
      ['environment', `生态环境分局-${year}年度排放当量.xlsx`, await sheet([], ['统一社会信用代码', '企业名称', '主要污染物排放当量（吨）'],
        live.filter((f, k) => f.above && k % 11 !== 4).map((f) => [f.creditCode, f.name, Math.round(Math.abs(f.base.va) / (2000 + d() * 6000) * f.industry.intensity * 1000) / 1000]))],
      ['land', `自然资源局-${year}年度用地面积.xlsx`, await sheet([`${year}年度工业企业用地核实表`], ['统一社会信用代码', '企业名称', '用地面积（亩）'],
        live.filter((f) => f.land != null).map((f) => [f.creditCode, f.name, f.land]))],
    ];
    for (const [source, fileName, buffer] of imports) {
      const res = await importSourceData(ctx, actor, { source, year, fileName, buffer, commit: true });
      if (res.errors.length) throw new Error(`demo ${source} ${year}: ${JSON.stringify(res.errors.slice(0, 3))}`);
    }
  }
  log(`demo: ${list.length} enterprises with 2024 and 2025 figures (亩均 office ${DEMO_MU_OFFICE})`);
  return list.length;
}
