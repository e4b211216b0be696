// 亩均论英雄: the yearly figures kept per enterprise and the bureau that sends each one.
// Shared by the enterprises module (imports, completeness) and the 亩均 evaluation (mu).

export const DATA_SOURCES = ['tax', 'stats', 'power', 'energy', 'environment', 'land'] as const;
export type DataSource = typeof DATA_SOURCES[number];

export const ENTERPRISE_FIELDS = ['tax', 'value_added', 'revenue', 'rd_expense', 'employees', 'electricity', 'energy', 'emissions', 'land_area'] as const;
export type EnterpriseField = typeof ENTERPRISE_FIELDS[number];

export const ENTERPRISE_FIELD_INFO: Record<EnterpriseField, { zh: string; en: string; unit: string; source: DataSource }> = {
  tax: { zh: '实缴税金', en: 'Taxes paid', unit: '万元', source: 'tax' },
  value_added: { zh: '工业增加值', en: 'Industrial value added', unit: '万元', source: 'stats' },
  revenue: { zh: '主营业务收入', en: 'Main business revenue', unit: '万元', source: 'stats' },
  rd_expense: { zh: 'R&D经费支出', en: 'R&D expenditure', unit: '万元', source: 'stats' },
  employees: { zh: '年平均职工人数', en: 'Average employees', unit: '人', source: 'stats' },
  electricity: { zh: '用电量', en: 'Electricity use', unit: '万千瓦时', source: 'power' },
  energy: { zh: '综合能耗', en: 'Energy consumption', unit: '吨标准煤', source: 'energy' },
  emissions: { zh: '主要污染物排放当量', en: 'Pollutant emission equivalent', unit: '吨', source: 'environment' },
  land_area: { zh: '用地面积', en: 'Land area', unit: '亩', source: 'land' },
};

/** The bureau that sends each source's sheet. */
export const DATA_SOURCE_INFO: Record<DataSource, { zh: string; en: string }> = {
  tax: { zh: '税务局', en: 'Tax bureau' },
  stats: { zh: '统计局', en: 'Statistics bureau' },
  power: { zh: '供电公司', en: 'Power company' },
  energy: { zh: '能耗（发改）', en: 'Energy (development and reform)' },
  environment: { zh: '生态环境局', en: 'Ecology and environment bureau' },
  land: { zh: '自然资源局', en: 'Natural resources bureau' },
};

export const fieldsOfSource = (s: DataSource): EnterpriseField[] => ENTERPRISE_FIELDS.filter((f) => ENTERPRISE_FIELD_INFO[f].source === s);

/** Fields whose amounts are money (万元) — a sheet in 元 is converted. */
export const MONEY_FIELDS: readonly EnterpriseField[] = ['tax', 'value_added', 'revenue', 'rd_expense'];
