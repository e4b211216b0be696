// How a source bureau's sheet is read: the customary Chinese column names and their variants, the unit written in the
// header (实缴税金（元）, 用电量(千瓦时), 用地面积/平方米) or in a title row (单位：元), and numbers as people type them.
// Pure rules; data-import.ts applies them.
import { fieldsOfSource, MONEY_FIELDS, type DataSource, type EnterpriseField } from '../../../common/enterprise-fields.js';

export type ColumnRole = EnterpriseField | 'creditCode' | 'name' | 'year' | 'ignore';

export const FIELD_HEADERS: Record<EnterpriseField, string[]> = {
  tax: ['实缴税金', '税收', '入库税金', '实缴税收', '实际入库税金', '税收收入', '评价税收', '实缴税额', '税收实际贡献', '实缴税费'],
  value_added: ['工业增加值', '增加值'],
  revenue: ['主营业务收入', '营业收入', '销售收入', '主营收入'],
  rd_expense: ['R&D经费支出', 'R&D支出', 'RD经费支出', 'RD支出', '研发经费支出', '研发支出', '研发费用', '研究与试验发展经费支出'],
  employees: ['年平均职工人数', '平均职工人数', '职工人数', '从业人员平均人数', '从业人员数', '年末从业人员'],
  electricity: ['用电量', '全年用电量', '年用电量', '总用电量', '用电总量'],
  energy: ['综合能耗', '综合能源消费量', '能耗总量', '综合能耗总量'],
  emissions: ['主要污染物排放当量', '污染物排放当量', '排放当量', '主要污染物排放量'],
  land_area: ['用地面积', '土地面积', '占地面积', '实际用地面积', '自有用地面积', '用地'],
};
const KEY_HEADERS: Record<'creditCode' | 'name' | 'year' | 'ignore', string[]> = {
  creditCode: ['统一社会信用代码', '社会信用代码', '信用代码', '纳税人识别号', '统一代码'],
  name: ['企业名称', '名称', '纳税人名称', '单位名称', '企业'],
  year: ['年度', '年份', '所属年度'],
  ignore: ['序号', '备注', '乡镇', '所属乡镇', '乡镇街道', '乡镇（街道）', '行业', '所属行业', '行业代码', '地址', '注册地址', '联系人', '联系电话', '园区', '所属园区', '规模', '是否规上'],
};

/** Unit words per kind of figure and the factor to the stored unit (ENTERPRISE_FIELD_INFO[...].unit). */
const UNITS: Record<'money' | 'electricity' | 'energy' | 'emissions' | 'land' | 'people', [string, number][]> = {
  money: [['万元', 1], ['亿元', 10000], ['千元', 0.1], ['元', 0.0001]],
  electricity: [['万千瓦时', 1], ['万kwh', 1], ['万度', 1], ['千瓦时', 0.0001], ['kwh', 0.0001], ['度', 0.0001]],
  energy: [['万吨标准煤', 10000], ['吨标准煤', 1], ['吨标煤', 1], ['tce', 1], ['千克标准煤', 0.001], ['kgce', 0.001]],
  emissions: [['吨', 1], ['t', 1], ['千克', 0.001], ['kg', 0.001]],
  land: [['亩', 1], ['公顷', 15], ['平方米', 0.0015], ['㎡', 0.0015], ['m2', 0.0015], ['m²', 0.0015]],
  people: [['人', 1]],
};
const kindOf = (f: EnterpriseField): keyof typeof UNITS =>
  MONEY_FIELDS.includes(f) ? 'money' : f === 'electricity' ? 'electricity' : f === 'energy' ? 'energy' : f === 'emissions' ? 'emissions' : f === 'land_area' ? 'land' : 'people';

const norm = (s: string) => s.replace(/[\s\u3000*＊]/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/：/g, ':').replace(/＆/g, '&').toLowerCase();

export interface ColumnMatch { role: ColumnRole; unit: string | null; factor: number }

/** A unit word written in a title row ("单位：元", "金额单位：万元"), for money columns without their own unit. */
export function titleMoneyUnit(lines: string[]): string | null {
  for (const l of lines) {
    const m = norm(l).match(/单位:?(亿元|万元|千元|元)/);
    if (m) return m[1];
  }
  return null;
}

function unitFactor(field: EnterpriseField, unit: string): number | null {
  const u = norm(unit).replace(/^单位:?/, '');
  for (const [w, f] of UNITS[kindOf(field)]) if (u === norm(w)) return f;
  return null;
}

/**
 * What a header cell is for this source: a key column, one of the source's fields (with its unit and factor), a column to
 * ignore, or null (unknown — the import refuses it). `defaultMoney` is the title row's unit, else 万元.
 */
export function matchHeader(source: DataSource, text: string, defaultMoney: string | null): ColumnMatch | null {
  const t = norm(text);
  if (!t) return { role: 'ignore', unit: null, factor: 1 };
  for (const role of ['creditCode', 'name', 'year', 'ignore'] as const) {
    if (KEY_HEADERS[role].some((h) => norm(h) === t)) return { role, unit: null, factor: 1 };
  }
  for (const field of fieldsOfSource(source)) {
    for (const h of FIELD_HEADERS[field].map(norm).sort((a, b) => b.length - a.length)) {
      if (!t.startsWith(h)) continue;
      const rest = t.slice(h.length).replace(/^[(/,，]|\)$/g, '').replace(/^单位:?/, '');
      if (!rest) {
        if (kindOf(field) === 'money') {
          const u = defaultMoney ?? '万元';
          return { role: field, unit: u, factor: unitFactor(field, u)! };
        }
        return { role: field, unit: UNITS[kindOf(field)][0][0], factor: 1 };
      }
      const f = unitFactor(field, rest);
      if (f !== null) return { role: field, unit: UNITS[kindOf(field)].find(([w]) => norm(w) === norm(rest).replace(/^单位:?/, ''))?.[0] ?? rest, factor: f };
      return null; // a known name with a unit we do not know (美元, 立方米 …)
    }
  }
  return null;
}

/** Header texts accepted for a source, for the message naming the allowed columns. */
export function allowedHeaders(source: DataSource): string[] {
  return ['统一社会信用代码', '企业名称', ...fieldsOfSource(source).map((f) => FIELD_HEADERS[f][0])];
}

export type NumberRead = { kind: 'empty' } | { kind: 'number'; value: number } | { kind: 'text'; text: string };

/** A number as typed: thousands separators, spaces and full-width digits are fine; '-', '—', '/' or nothing mean no figure. */
export function readNumber(raw: string | undefined): NumberRead {
  const s = (raw ?? '').replace(/[\s\u3000,，]/g, '').replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (!s || /^[-—–/／]+$/.test(s)) return { kind: 'empty' };
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s)) return { kind: 'text', text: raw!.trim() };
  return { kind: 'number', value: Number(s) };
}

/** Stored precision: six decimals (0.000001 万元 = 0.01 元). */
export const roundFigure = (v: number) => Math.round(v * 1e6) / 1e6;
