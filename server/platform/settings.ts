// Deployment-wide settings (key → JSON value) with typed defaults. Rule parameters live here, not in code.
import type { Ctx, Trx } from '../context.js';

export interface Settings {
  'security.idleMinutes': number;
  'security.totpForAll': boolean;
  'security.lockoutThreshold': number;
  'security.lockoutMinutes': number;
  /** Working days a unit has to accept (签收) or return (退回) a task. */
  'tasks.acceptDays': number;
  'tasks.nearDeadlineDays': number;
  'tasks.trailPoints': number;
  'tasks.missedReportsRed': number;
  /** The most frequent reporting a supervisor may ask (减负): 'weekly' | 'fortnightly' | 'monthly'. */
  'tasks.maxReportFrequency': 'weekly' | 'fortnightly' | 'monthly';
  /** Reminders go out this many working days before a deadline. */
  'tasks.remindDaysBefore': number;
  /** Hour (Asia/Shanghai, 0–23) from which the day's reminders and digests go out, on working days. */
  'notifications.digestHour': number;
  /** Assessment weights (results only: no setting scores logins, clicks, photos or attachments). */
  'assessment.weights': { acceptOnTime: number; reportOnTime: number; completeOnTime: number; overdue: number; returns: number; quality: number };
  /** 落款 and 发文机关标志 of 督办通知单 and 通报; {region} is the region's name. */
  'documents.issuer': string;
  /** 督办通知单 number prefix by region code ('*' for any other region): 示督办 gives 示督办〔2026〕3号. */
  'documents.escalationPrefix': Record<string, string>;
  /** 主送机关 of the 通报. */
  'documents.bulletinAddressee': string;
  /** 通报 section 四、下步要求: one paragraph each. */
  'documents.bulletinRequirements': string[];
  /** Units that form the 亩均 office (e.g. 县经济和信息化局): they keep the enterprise registry, imports and evaluations. */
  'mu.officeUnitIds': string[];
  /** 重大项目 categories offered in the library (产业, 基础设施 …). */
  'projects.categories': string[];
  /** Units that keep the project library (e.g. 县发展和改革局): they create, edit and import every project of the region. */
  'projects.libraryUnitIds': string[];
  /** 月报 due by this day of the next month (calendar day; moved to the next working day when it is not one). */
  'projects.reportDueDay': number;
  /** 红黄绿灯 against 序时进度: points behind for yellow (from, inclusive) and red (above); months after the planned start without a start for red. */
  'projects.lightThresholds': { yellowBehind: number; redBehind: number; notStartedRedMonths: number };
}

export function defaultSettings(ctx: Ctx): Settings {
  return {
    'security.idleMinutes': ctx.config.sessionIdleMinutes,
    'security.totpForAll': false,
    'security.lockoutThreshold': 5,
    'security.lockoutMinutes': 15,
    'tasks.acceptDays': 3,
    'tasks.nearDeadlineDays': 3,
    'tasks.trailPoints': 20,
    'tasks.missedReportsRed': 2,
    'tasks.maxReportFrequency': 'weekly',
    'tasks.remindDaysBefore': 3,
    'notifications.digestHour': 8,
    'assessment.weights': { acceptOnTime: 15, reportOnTime: 25, completeOnTime: 40, overdue: 10, returns: 0, quality: 10 },
    'documents.issuer': '{region}人民政府督查室',
    'documents.escalationPrefix': { '*': '督办' },
    'documents.bulletinAddressee': '各乡镇人民政府、街道办事处，县直各部门',
    'documents.bulletinRequirements': [
      '各牵头单位要对红灯事项逐项分析原因，明确整改措施、责任人和完成时限，按督办通知要求按期书面回复。',
      '各单位要坚持结果导向，如实反馈办理进展，不得以留痕代替落实；确需延期的，应在截止日期前提出申请。',
      '县政府督查室将对红灯事项持续跟踪督办，对连续亮红灯、督办后仍无实质进展的，按规定提请问责。',
    ],
    'mu.officeUnitIds': [],
    'projects.categories': ['产业', '基础设施', '社会民生', '生态环保', '其他'],
    'projects.libraryUnitIds': [],
    'projects.reportDueDay': 5,
    'projects.lightThresholds': { yellowBehind: 10, redBehind: 30, notStartedRedMonths: 3 },
  };
}

export async function getSettings(ctx: Ctx, trx: Trx = ctx.db): Promise<Settings> {
  const rows = await trx.selectFrom('settings').select(['key', 'value']).execute();
  const s = defaultSettings(ctx) as unknown as Record<string, unknown>;
  for (const r of rows) if (r.key in s) s[r.key] = JSON.parse(r.value);
  return s as unknown as Settings;
}

export async function getSetting<K extends keyof Settings>(ctx: Ctx, key: K, trx: Trx = ctx.db): Promise<Settings[K]> {
  const row = await trx.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? JSON.parse(row.value) : defaultSettings(ctx)[key];
}

export async function putSetting(ctx: Ctx, trx: Trx, key: string, value: unknown): Promise<void> {
  const now = ctx.clock.now().toISOString();
  await trx.insertInto('settings').values({ key, value: JSON.stringify(value), updatedAt: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updatedAt: now })).execute();
}
