// 重大项目 overview (/projects/overview): totals by stage, category, township and leader; the year's planned against
// completed investment month by month; laggards (yellow/red, with the reasons); projects not started on time;
// approvals (前期手续) due this month; the last month's reports (filed, late, missing). Every table exports to Excel.
// Completed figures come from the monthly reports only (reports-read.ts): typed once, used everywhere.
import type { Ctx } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { shanghaiDate } from '../../platform/clock.js';
import { daysBetween } from '../../platform/calendar/working-days.js';
import { getSetting } from '../../platform/settings.js';
import { writeWorkbook, type SheetSpec } from '../../platform/excel/workbook.js';
import { approvalLabel, stageLabel, PROJECT_STAGES } from '../../../common/project-labels.js';
import { loadCalendar } from '../calendar/service.js';
import { lastEndedPeriod, owesMonthlyReport, reportDueOn, round2 } from './reports-rules.js';
import { monthlyTotals } from './reports-read.js';
import { loadProjectScope } from './scope.js';
import { lightsInScope } from './traffic-light-read.js';
import type { Light } from './traffic-light-rules.js';

const NOT_STARTED_STAGES = new Set(['planning', 'reserve', 'preparation']);
const LIGHT_ZH: Record<Light, string> = { red: '红灯', yellow: '黄灯', green: '绿灯', none: '—' };

export interface GroupRow { key: string; label: string; count: number; totalInvestment: number; yearPlanned: number; yearCompleted: number; red: number; yellow: number }

export async function projectOverview(ctx: Ctx, actor: Actor, q: { year?: number }) {
  authorize(actor, 'projects.read');
  const day = shanghaiDate(ctx.clock.now());
  const year = q.year ?? Number(day.slice(0, 4));
  const currentYear = Number(day.slice(0, 4));
  const where = await loadProjectScope(ctx, ctx.db, actor);
  const projects = await ctx.db.selectFrom('projects')
    .leftJoin('units', 'units.id', 'projects.leadUnitId')
    .leftJoin('users as leader', 'leader.id', 'projects.leaderUserId')
    .leftJoin('regions as town', 'town.code', 'projects.townshipCode')
    .select(['projects.id', 'projects.name', 'projects.serial', 'projects.stage', 'projects.category', 'projects.townshipCode', 'town.name as townshipName',
      'projects.leaderUserId', 'leader.displayName as leaderName', 'units.name as leadUnitName', 'projects.totalInvestment', 'projects.plannedStart', 'projects.actualStart', 'projects.actualCompletion'])
    .where(where).orderBy('projects.serial').execute();
  const [lights, monthly, plans, cal, dueDay] = await Promise.all([
    lightsInScope(ctx, ctx.db, where, projects, day, actor.locale),
    monthlyTotals(ctx.db, where, year),
    ctx.db.selectFrom('projectYearPlans').select(['projectYearPlans.projectId', 'projectYearPlans.plannedInvestment']).where('projectYearPlans.year', '=', year)
      .where('projectYearPlans.projectId', 'in', ctx.db.selectFrom('projects').select('projects.id').where(where)).execute(),
    loadCalendar(ctx), getSetting(ctx, 'projects.reportDueDay'),
  ]);
  const plan = new Map(plans.map((r) => [r.projectId, r.plannedInvestment]));
  // The year's completed investment per project (all reported months of `year`).
  const doneRows = await ctx.db.selectFrom('projectReports').select(['projectReports.projectId', (eb) => eb.fn.sum<number>('projectReports.amount').as('s')])
    .where('projectReports.year', '=', year).where('projectReports.projectId', 'in', ctx.db.selectFrom('projects').select('projects.id').where(where))
    .groupBy('projectReports.projectId').execute();
  const done = new Map(doneRows.map((r) => [r.projectId, Number(r.s)]));

  const group = (keyOf: (p: typeof projects[number]) => string, labelOf: (p: typeof projects[number]) => string) => {
    const m = new Map<string, GroupRow>();
    for (const p of projects) {
      const k = keyOf(p);
      const g = m.get(k) ?? { key: k, label: labelOf(p), count: 0, totalInvestment: 0, yearPlanned: 0, yearCompleted: 0, red: 0, yellow: 0 };
      g.count++; g.totalInvestment += p.totalInvestment; g.yearPlanned += plan.get(p.id) ?? 0; g.yearCompleted += done.get(p.id) ?? 0;
      const l = lights.get(p.id)?.light;
      if (l === 'red') g.red++; if (l === 'yellow') g.yellow++;
      m.set(k, g);
    }
    return [...m.values()].map((g) => ({ ...g, totalInvestment: round2(g.totalInvestment), yearPlanned: round2(g.yearPlanned), yearCompleted: round2(g.yearCompleted) }));
  };
  const byStage = group((p) => p.stage, (p) => stageLabel(p.stage, actor.locale))
    .sort((a, b) => PROJECT_STAGES.indexOf(a.key as any) - PROJECT_STAGES.indexOf(b.key as any));
  const byCategory = group((p) => p.category, (p) => p.category).sort((a, b) => b.totalInvestment - a.totalInvestment);
  const none = actor.locale === 'zh-CN' ? '（未定）' : '(none)';
  const byTownship = group((p) => p.townshipCode ?? '', (p) => p.townshipName ?? none).sort((a, b) => b.totalInvestment - a.totalInvestment);
  const byLeader = group((p) => p.leaderUserId ?? '', (p) => p.leaderName ?? none).sort((a, b) => b.totalInvestment - a.totalInvestment);

  const yearPlanned = round2([...plan.values()].reduce((s, x) => s + x, 0));
  const amounts = new Map(monthly.map((m) => [Number(m.period.slice(5, 7)), m.amount]));
  const lastMonth = year < currentYear ? 12 : year > currentYear ? 0 : Number(day.slice(5, 7));
  let cum = 0;
  const months = Array.from({ length: 12 }, (_, i) => {
    const month = i + 1;
    // The current month counts once a report of it is in (it is filed as the month goes, or early next month).
    const amount = month < lastMonth || (month === lastMonth && (amounts.has(month) || year < currentYear)) ? (amounts.get(month) ?? 0) : null;
    if (amount !== null) cum = round2(cum + amount);
    return { month, plannedToDate: round2((yearPlanned * month) / 12), completed: amount, completedToDate: amount === null ? null : cum };
  });

  const laggards = projects.map((p) => ({ p, l: lights.get(p.id)! }))
    .filter(({ l }) => l.light === 'red' || l.light === 'yellow')
    .sort((a, b) => (a.l.light === b.l.light ? (b.l.behind ?? 0) - (a.l.behind ?? 0) : a.l.light === 'red' ? -1 : 1))
    .map(({ p, l }) => ({
      id: p.id, name: p.name, serial: p.serial, stage: p.stage, leadUnitName: p.leadUnitName ?? '', leaderName: p.leaderName ?? null,
      light: l.light, behind: l.behind, completionRate: l.completionRate, yearPlanned: l.yearPlanned, yearCompleted: l.yearCompleted, reasons: l.reasons.map((r) => r.message),
    }));
  const notStarted = projects.filter((p) => !p.actualStart && p.plannedStart && p.plannedStart < day && NOT_STARTED_STAGES.has(p.stage))
    .map((p) => ({ id: p.id, name: p.name, serial: p.serial, stage: p.stage, leadUnitName: p.leadUnitName ?? '', leaderName: p.leaderName ?? null, plannedStart: p.plannedStart!, daysLate: daysBetween(p.plannedStart!, day) }))
    .sort((a, b) => b.daysLate - a.daysLate);

  const month = day.slice(0, 7);
  const approvals = await ctx.db.selectFrom('projectApprovals').innerJoin('projects', 'projects.id', 'projectApprovals.projectId')
    .leftJoin('units', 'units.id', 'projects.leadUnitId')
    .select(['projects.id as projectId', 'projects.name', 'projects.serial', 'units.name as leadUnitName', 'projectApprovals.kind', 'projectApprovals.plannedOn'])
    .where(where).where('projectApprovals.actualOn', 'is', null)
    .where('projectApprovals.plannedOn', '>=', `${month}-01`).where('projectApprovals.plannedOn', '<=', `${month}-31`)
    .orderBy('projectApprovals.plannedOn').execute();
  const approvalsDue = approvals.map((a) => ({ projectId: a.projectId, name: a.name, serial: a.serial, leadUnitName: a.leadUnitName ?? '', kind: a.kind, kindLabel: approvalLabel(a.kind, actor.locale), plannedOn: a.plannedOn!, overdue: a.plannedOn! < day }));

  // The last ended month's reports: owed by projects being built that month by their dates (owesMonthlyReport), filed, late, missing.
  const period = lastEndedPeriod(day);
  const dueOn = reportDueOn(period, dueDay, cal);
  const owing = projects.filter((p) => owesMonthlyReport(p, period));
  const filed = await ctx.db.selectFrom('projectReports').select(['projectReports.projectId', 'projectReports.late'])
    .where('projectReports.period', '=', period).where('projectReports.projectId', 'in', ctx.db.selectFrom('projects').select('projects.id').where(where)).execute();
  const filedMap = new Map(filed.map((f) => [f.projectId, f.late]));
  const reports = {
    period, dueOn, owing: owing.length, filed: owing.filter((p) => filedMap.has(p.id)).length, late: filed.filter((f) => f.late).length,
    missing: day > dueOn ? owing.filter((p) => !filedMap.has(p.id)).length : 0,
  };
  const lightCounts = { red: 0, yellow: 0, green: 0, none: 0 };
  for (const l of lights.values()) lightCounts[l.light]++;
  return {
    today: day, year, count: projects.length, totalInvestment: round2(projects.reduce((s, p) => s + p.totalInvestment, 0)), yearPlanned,
    yearCompleted: round2([...done.values()].reduce((s, x) => s + x, 0)), lights: lightCounts,
    byStage, byCategory, byTownship, byLeader, months, laggards, notStarted, approvalsDue, reports,
  };
}

/** How many rows of each list the page receives; the Excel export carries them all. */
export const OVERVIEW_LIST_LIMIT = 100;

/**
 * The overview as the page reads it: the lists (laggards worst first, not started longest late first, approvals by
 * date) cut to their first OVERVIEW_LIST_LIMIT rows, with each list's full length in `listTotals` — at 5,000 projects
 * the 督查室's whole lists were thousands of rows the phone had to download and no one reads on a screen.
 */
export async function overviewForPage(ctx: Ctx, actor: Actor, q: { year?: number }) {
  const o = await projectOverview(ctx, actor, q);
  return {
    ...o,
    laggards: o.laggards.slice(0, OVERVIEW_LIST_LIMIT), notStarted: o.notStarted.slice(0, OVERVIEW_LIST_LIMIT), approvalsDue: o.approvalsDue.slice(0, OVERVIEW_LIST_LIMIT),
    listTotals: { laggards: o.laggards.length, notStarted: o.notStarted.length, approvalsDue: o.approvalsDue.length, limit: OVERVIEW_LIST_LIMIT },
  };
}

export const OVERVIEW_TABLES = ['stage', 'category', 'township', 'leader', 'monthly', 'laggards', 'notStarted', 'approvals'] as const;
export type OverviewTable = (typeof OVERVIEW_TABLES)[number];

/** The overview's tables as one workbook (or one table), with headers as counties write them. */
export async function exportOverview(ctx: Ctx, actor: Actor, q: { year?: number; table?: OverviewTable }) {
  const o = await projectOverview(ctx, actor, { year: q.year });
  const money = '#,##0.00';
  const groupCols = (first: string) => [
    { header: first, width: 22, value: (r: GroupRow) => r.label },
    { header: '项目数', value: (r: GroupRow) => r.count },
    { header: '总投资（万元）', numFmt: money, value: (r: GroupRow) => r.totalInvestment },
    { header: `${o.year}年计划投资（万元）`, numFmt: money, value: (r: GroupRow) => r.yearPlanned },
    { header: `${o.year}年完成投资（万元）`, numFmt: money, value: (r: GroupRow) => r.yearCompleted },
    { header: '红灯', value: (r: GroupRow) => r.red },
    { header: '黄灯', value: (r: GroupRow) => r.yellow },
  ];
  const sheets: Record<OverviewTable, SheetSpec<any>> = {
    stage: { name: '按阶段', title: `重大项目按阶段汇总（${o.today}）`, columns: groupCols('阶段'), rows: o.byStage },
    category: { name: '按类别', title: `重大项目按类别汇总（${o.today}）`, columns: groupCols('类别'), rows: o.byCategory },
    township: { name: '按乡镇', title: `重大项目按乡镇汇总（${o.today}）`, columns: groupCols('乡镇'), rows: o.byTownship },
    leader: { name: '按包抓领导', title: `重大项目按包抓领导汇总（${o.today}）`, columns: groupCols('包抓领导'), rows: o.byLeader },
    monthly: {
      name: '月度投资', title: `${o.year}年重大项目计划与完成投资（万元）`, rows: o.months, columns: [
        { header: '月份', value: (r: typeof o.months[number]) => `${r.month}月` },
        { header: '序时计划投资（累计）', numFmt: money, value: (r: typeof o.months[number]) => r.plannedToDate },
        { header: '当月完成投资', numFmt: money, value: (r: typeof o.months[number]) => r.completed },
        { header: '累计完成投资', numFmt: money, value: (r: typeof o.months[number]) => r.completedToDate },
      ],
    },
    laggards: {
      name: '滞后项目', title: `滞后项目（${o.today}）`, rows: o.laggards, columns: [
        { header: '项目编号', value: (r: typeof o.laggards[number]) => r.serial },
        { header: '项目名称', width: 36, value: (r: typeof o.laggards[number]) => r.name },
        { header: '责任单位', width: 20, value: (r: typeof o.laggards[number]) => r.leadUnitName },
        { header: '包抓领导', value: (r: typeof o.laggards[number]) => r.leaderName },
        { header: '灯色', value: (r: typeof o.laggards[number]) => LIGHT_ZH[r.light] },
        { header: '年度计划投资（万元）', numFmt: money, value: (r: typeof o.laggards[number]) => r.yearPlanned },
        { header: '已完成（万元）', numFmt: money, value: (r: typeof o.laggards[number]) => r.yearCompleted },
        { header: '完成率（%）', value: (r: typeof o.laggards[number]) => r.completionRate },
        { header: '落后序时（百分点）', value: (r: typeof o.laggards[number]) => r.behind },
        { header: '原因', width: 60, value: (r: typeof o.laggards[number]) => r.reasons.join('；') },
      ],
    },
    notStarted: {
      name: '未按期开工', title: `未按期开工项目（${o.today}）`, rows: o.notStarted, columns: [
        { header: '项目编号', value: (r: typeof o.notStarted[number]) => r.serial },
        { header: '项目名称', width: 36, value: (r: typeof o.notStarted[number]) => r.name },
        { header: '阶段', value: (r: typeof o.notStarted[number]) => stageLabel(r.stage, 'zh-CN') },
        { header: '责任单位', width: 20, value: (r: typeof o.notStarted[number]) => r.leadUnitName },
        { header: '包抓领导', value: (r: typeof o.notStarted[number]) => r.leaderName },
        { header: '计划开工', value: (r: typeof o.notStarted[number]) => r.plannedStart },
        { header: '逾期天数', value: (r: typeof o.notStarted[number]) => r.daysLate },
      ],
    },
    approvals: {
      name: '本月到期手续', title: `本月计划办结的前期手续（${o.today.slice(0, 7)}）`, rows: o.approvalsDue, columns: [
        { header: '项目编号', value: (r: typeof o.approvalsDue[number]) => r.serial },
        { header: '项目名称', width: 36, value: (r: typeof o.approvalsDue[number]) => r.name },
        { header: '责任单位', width: 20, value: (r: typeof o.approvalsDue[number]) => r.leadUnitName },
        { header: '手续', width: 24, value: (r: typeof o.approvalsDue[number]) => approvalLabel(r.kind, 'zh-CN') },
        { header: '计划办结', value: (r: typeof o.approvalsDue[number]) => r.plannedOn },
        { header: '状态', value: (r: typeof o.approvalsDue[number]) => (r.overdue ? '已逾期' : '未办结') },
      ],
    },
  };
  const list = q.table ? [sheets[q.table]] : OVERVIEW_TABLES.map((k) => sheets[k]);
  return { buffer: await writeWorkbook(list), filename: `重大项目${q.table ? list[0].name : '总览'}-${o.today}.xlsx` };
}
