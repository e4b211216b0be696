// The Excel layout of a task list (会议议定事项清单 and the console's export) and the reading of its cells. Pure.
// The export writes the same columns the import reads, so an exported sheet imports again.
import { cadenceLabel, RAG_LABELS, TASK_LEVEL_LABELS, TASK_SOURCE_LABELS, TASK_STATUS_LABELS } from '../../../common/task-labels.js';
import { addDays, type IsoDate } from '../../platform/calendar/working-days.js';
import type { ColumnSpec } from '../../platform/excel/excel.js';
import { TASK_SOURCES, type TaskLevel, type TaskSource } from './schemas.js';

export type SheetKey = 'title' | 'content' | 'source' | 'sourceRef' | 'sourceTitle' | 'sourceDate' | 'leader' | 'leadUnit' | 'coUnits' | 'deadline' | 'cadence' | 'level';

/** Accepted headers per column, the first one written on export. 序号, 编号, 状态 … are read past. */
export const TASK_SHEET: ColumnSpec<SheetKey>[] = [
  { key: 'title', headers: ['事项名称', '议定事项', '工作任务', '督办事项', '任务名称', '事项'], required: true },
  { key: 'content', headers: ['具体内容', '工作要求', '主要内容', '具体要求', '内容'] },
  { key: 'source', headers: ['来源', '事项来源', '任务来源', '来源类别'] },
  { key: 'sourceRef', headers: ['来源文号', '文号', '文件编号'] },
  { key: 'sourceTitle', headers: ['会议名称', '来源名称', '会议'] },
  { key: 'sourceDate', headers: ['会议日期', '来源日期', '批示日期'] },
  { key: 'leader', headers: ['责任领导', '牵头领导', '分管领导', '包抓领导'] },
  { key: 'leadUnit', headers: ['牵头单位', '责任单位', '主办单位'], required: true },
  { key: 'coUnits', headers: ['配合单位', '协办单位', '参与单位'] },
  { key: 'deadline', headers: ['完成时限', '截止日期', '完成时间', '办结时限'], required: true },
  { key: 'cadence', headers: ['反馈频次', '反馈要求', '报送频次', '反馈周期'] },
  { key: 'level', headers: ['级别', '紧急程度', '事项级别', '督办级别'] },
];
export const HEADER: Record<SheetKey, string> = Object.fromEntries(TASK_SHEET.map((c) => [c.key, c.headers[0]])) as Record<SheetKey, string>;

/** API field of a task → the sheet's column, to name the column in an import's errors. */
export const COLUMN_OF_FIELD: Record<string, string> = {
  title: HEADER.title, content: HEADER.content, source: HEADER.source, sourceRef: HEADER.sourceRef, sourceTitle: HEADER.sourceTitle,
  sourceDate: HEADER.sourceDate, leaderUserId: HEADER.leader, leadUnitId: HEADER.leadUnit, coUnitIds: HEADER.coUnits,
  deadline: HEADER.deadline, startDate: HEADER.deadline, cadence: HEADER.cadence, cadenceDay: HEADER.cadence, level: HEADER.level,
};

export type Parsed<T> = { ok: T } | { code: string; params?: Record<string, unknown> };

const isRealDate = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const ONGOING = /长期|持续|常态|久久为功|不定期|逐步/;

/**
 * A date as people write it: a date cell, 2026-12-31, 2026/12/31, 2026.12.31, 2026年12月31日(前), 2026年12月底(前),
 * 2026年底(前), or an Excel serial number. "长期" and its kin are refused with the reason: a task needs a deadline.
 */
export function parseDate(text: string): Parsed<IsoDate> {
  const t = text.replace(/[\s\u3000]/g, '').replace(/(之前|以前|前)$/, '');
  let m = /^(\d{4})[年\-./](\d{1,2})[月\-./](\d{1,2})日?$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isRealDate(y, mo, d) ? { ok: iso(y, mo, d) } : { code: 'task.import.badDate', params: { value: text } };
  }
  m = /^(\d{4})年(\d{1,2})月(底|末)$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { ok: iso(Number(m[1]), Number(m[2]), new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate()) };
  m = /^(\d{4})年(底|末)$/.exec(t);
  if (m) return { ok: `${m[1]}-12-31` };
  if (/^\d{5}(\.\d+)?$/.test(t)) {
    const n = Math.floor(Number(t));
    if (n > 20000 && n < 80000) return { ok: addDays('1899-12-30', n) };
  }
  if (ONGOING.test(t)) return { code: 'task.import.deadlineOngoing', params: { value: text } };
  return { code: 'task.import.badDate', params: { value: text } };
}

const CADENCE_WORDS: [RegExp, 'once' | 'weekly' | 'fortnightly' | 'monthly'][] = [
  [/^(一次性|一次|办结时|完成后|办结后反馈|once)$/i, 'once'],
  [/^(每周|周报|每周一次|weekly)$/i, 'weekly'],
  [/^(每两周|每2周|双周|两周一次|每半月|半月|fortnightly)$/i, 'fortnightly'],
  [/^(每月|月报|每月一次|monthly)$/i, 'monthly'],
];
export const CADENCE_ALLOWED = '一次性、每周、每两周、每月、每月N日';

/** 反馈频次: 一次性 / 每周 / 每两周 / 每月 / 每月N日 (N from 1 to 28); blank means once. */
export function parseCadence(text: string | undefined): Parsed<{ cadence: 'once' | 'weekly' | 'fortnightly' | 'monthly' | 'day_of_month'; cadenceDay: number | null }> {
  const t = (text ?? '').replace(/[\s\u3000]/g, '');
  if (!t) return { ok: { cadence: 'once', cadenceDay: null } };
  for (const [re, cadence] of CADENCE_WORDS) if (re.test(t)) return { ok: { cadence, cadenceDay: null } };
  const m = /^每月(\d{1,2})(日|号)(前)?$/.exec(t);
  if (m) {
    const day = Number(m[1]);
    return day >= 1 && day <= 28 ? { ok: { cadence: 'day_of_month', cadenceDay: day } } : { code: 'task.cadenceDayRange' };
  }
  return { code: 'invalid.enum', params: { allowed: CADENCE_ALLOWED } };
}

/** 级别: 一般 / 重点 / 特急; blank means 一般. */
export function parseLevel(text: string | undefined): Parsed<TaskLevel> {
  const t = (text ?? '').trim();
  if (!t || /^(一般|普通|normal)$/i.test(t)) return { ok: 'normal' };
  if (/^(重点|重要|key)$/i.test(t)) return { ok: 'key' };
  if (/^(特急|紧急|加急|急|urgent)$/i.test(t)) return { ok: 'urgent' };
  return { code: 'invalid.enum', params: { allowed: '一般、重点、特急' } };
}

const SOURCE_KEYWORDS: [string, TaskSource][] = [
  ['批示', 'instruction'], ['交办', 'instruction'], ['会议', 'meeting'], ['常务会', 'meeting'], ['议定', 'meeting'], ['重点工作', 'key_work'],
  ['人大', 'npc_suggestion'], ['政协', 'cppcc_proposal'], ['审计', 'audit'], ['项目', 'project_issue'], ['诉求', 'demand'], ['12345', 'demand'],
];

/** 来源 by its label, its key or a telling word; blank with a meeting's name means a meeting decision. */
export function parseSource(text: string | undefined, sourceTitle: string | undefined): Parsed<TaskSource> {
  const t = (text ?? '').trim();
  if (!t) return sourceTitle ? { ok: 'meeting' } : { code: 'invalid.required' };
  for (const s of TASK_SOURCES) if (t === s || t === TASK_SOURCE_LABELS[s]['zh-CN']) return { ok: s };
  for (const [word, s] of SOURCE_KEYWORDS) if (t.includes(word)) return { ok: s };
  return { code: 'invalid.enum', params: { allowed: TASK_SOURCES.map((s) => TASK_SOURCE_LABELS[s]['zh-CN']).join('、') } };
}

/** Several names in one cell: separated by 、，, ; ； or line breaks. */
export const splitNames = (text: string | undefined): string[] =>
  [...new Set((text ?? '').split(/[、，,;；\n\r/]+/).map((s) => s.replace(/[\s\u3000]/g, '')).filter(Boolean))];

/** The export's columns: the import's layout, then what the record adds (status, colour and its reasons). */
export function exportColumns<T extends ExportTask>() {
  return [
    { header: '序号', width: 6, value: (t: T) => t.index },
    { header: '编号', width: 12, value: (t: T) => t.serial },
    { header: HEADER.title, width: 40, value: (t: T) => t.title },
    { header: HEADER.content, width: 40, value: (t: T) => t.content },
    { header: HEADER.source, width: 14, value: (t: T) => TASK_SOURCE_LABELS[t.source]?.['zh-CN'] ?? t.source },
    { header: HEADER.sourceRef, width: 20, value: (t: T) => t.sourceRef },
    { header: HEADER.sourceTitle, width: 24, value: (t: T) => t.sourceTitle },
    { header: HEADER.sourceDate, width: 12, value: (t: T) => t.sourceDate },
    { header: HEADER.leader, width: 10, value: (t: T) => t.leader?.name ?? null },
    { header: HEADER.leadUnit, width: 24, value: (t: T) => t.leadUnit.name },
    { header: HEADER.coUnits, width: 30, value: (t: T) => t.coUnits.map((u) => u.name).join('、') },
    { header: HEADER.deadline, width: 12, value: (t: T) => t.deadline },
    { header: HEADER.cadence, width: 10, value: (t: T) => cadenceLabel(t.cadence, t.cadenceDay) },
    { header: HEADER.level, width: 8, value: (t: T) => TASK_LEVEL_LABELS[t.level]?.['zh-CN'] ?? t.level },
    { header: '状态', width: 10, value: (t: T) => TASK_STATUS_LABELS[t.status]?.['zh-CN'] ?? t.status },
    { header: '进度', width: 8, value: (t: T) => `${t.progress}%` },
    { header: '红黄绿灯', width: 10, value: (t: T) => RAG_LABELS[t.rag]?.['zh-CN'] ?? t.rag },
    { header: '灯色原因', width: 40, value: (t: T) => t.ragReasons.map((r) => r.message).join('；') },
  ];
}

export interface ExportTask {
  index: number; serial: string; title: string; content: string | null; source: string; sourceRef: string | null; sourceTitle: string | null;
  sourceDate: string | null; leader: { name: string } | null; leadUnit: { name: string }; coUnits: { name: string }[]; deadline: string;
  cadence: string; cadenceDay: number | null; level: string; status: string; progress: number; rag: string; ragReasons: { message: string }[];
}
