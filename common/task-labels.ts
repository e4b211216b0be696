// The words users see for the task loop's enums, in both languages; shared by server (Excel in and out) and web.
import type { Locale } from './roles.js';

type Label = Record<Locale, string>;

export const TASK_SOURCE_LABELS: Record<string, Label> = {
  instruction: { 'zh-CN': '领导批示', 'en-US': 'Leader instruction' },
  meeting: { 'zh-CN': '会议议定事项', 'en-US': 'Meeting decision' },
  key_work: { 'zh-CN': '年度重点工作', 'en-US': 'Key work of the year' },
  npc_suggestion: { 'zh-CN': '人大建议', 'en-US': "People's Congress suggestion" },
  cppcc_proposal: { 'zh-CN': '政协提案', 'en-US': 'CPPCC proposal' },
  audit: { 'zh-CN': '审计整改', 'en-US': 'Audit rectification' },
  project_issue: { 'zh-CN': '项目问题', 'en-US': 'Project problem' },
  demand: { 'zh-CN': '群众企业诉求', 'en-US': 'Citizen or enterprise demand' },
};

export const TASK_LEVEL_LABELS: Record<string, Label> = {
  normal: { 'zh-CN': '一般', 'en-US': 'Normal' },
  key: { 'zh-CN': '重点', 'en-US': 'Key' },
  urgent: { 'zh-CN': '特急', 'en-US': 'Urgent' },
};

export const CADENCE_LABELS: Record<string, Label> = {
  once: { 'zh-CN': '一次性', 'en-US': 'Once' },
  weekly: { 'zh-CN': '每周', 'en-US': 'Weekly' },
  fortnightly: { 'zh-CN': '每两周', 'en-US': 'Fortnightly' },
  monthly: { 'zh-CN': '每月', 'en-US': 'Monthly' },
  day_of_month: { 'zh-CN': '每月{day}日', 'en-US': 'Monthly on day {day}' },
};

export const TASK_STATUS_LABELS: Record<string, Label> = {
  assigned: { 'zh-CN': '待签收', 'en-US': 'To accept' },
  returned: { 'zh-CN': '已退回', 'en-US': 'Returned' },
  in_progress: { 'zh-CN': '办理中', 'en-US': 'In progress' },
  completion_requested: { 'zh-CN': '申请办结', 'en-US': 'Completion requested' },
  completed: { 'zh-CN': '已办结', 'en-US': 'Completed' },
  closed: { 'zh-CN': '已销号', 'en-US': 'Closed' },
  cancelled: { 'zh-CN': '已撤销', 'en-US': 'Cancelled' },
};

/** Groups of statuses the console filters by (status=open|done). */
export const TASK_STATUS_GROUP_LABELS: Record<'open' | 'done', Label> = {
  open: { 'zh-CN': '在办（未办结）', 'en-US': 'Open (not completed)' },
  done: { 'zh-CN': '已办结（含销号）', 'en-US': 'Done (incl. closed)' },
};

export const RAG_LABELS: Record<string, Label> = {
  green: { 'zh-CN': '绿灯', 'en-US': 'Green' },
  yellow: { 'zh-CN': '黄灯', 'en-US': 'Yellow' },
  red: { 'zh-CN': '红灯', 'en-US': 'Red' },
};

export function cadenceLabel(cadence: string, day: number | null, locale: Locale = 'zh-CN'): string {
  return (CADENCE_LABELS[cadence]?.[locale] ?? cadence).replace('{day}', String(day ?? ''));
}
