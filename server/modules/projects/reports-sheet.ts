// 月报导出: one month's reports as one sheet, in the customary layout (title "<县>重大项目YYYY年M月投资完成情况",
// 单位：万元, one header row, a 合计 row). Rows: every project of the actor's scope that owes that month's report (the
// overview's rule, owesMonthlyReport) — those not filed marked 未报 — and any other project that filed one. Figures
// come from reports-read.ts (the month as filed, 1-N月 and since-start sums), never summed twice.
import ExcelJS from 'exceljs';
import type { Ctx } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { shanghaiDate, shanghaiDateTime } from '../../platform/clock.js';
import { columnSum, ledgerSheet, moneyCols, totalRow } from '../../platform/excel/customary-sheet.js';
import { Invalid } from '../../platform/errors.js';
import { getSetting } from '../../platform/settings.js';
import { stageLabel } from '../../../common/project-labels.js';
import { loadCalendar } from '../calendar/service.js';
import { canReport, isPeriod, lastEndedPeriod, owesMonthlyReport, reportDueOn, round2, type Period } from './reports-rules.js';
import { periodReportsInScope, toDateInScope } from './reports-read.js';
import { loadProjectScope } from './scope.js';

export async function exportMonthlyReports(ctx: Ctx, actor: Actor, q: { period?: string }): Promise<{ buffer: Buffer; filename: string }> {
  authorize(actor, 'projects.read');
  const day = shanghaiDate(ctx.clock.now());
  const period = q.period ?? lastEndedPeriod(day);
  if (!isPeriod(period)) throw new Invalid({ field: 'period', code: 'invalid.pattern' });
  if (!canReport(period, day)) throw new Invalid({ field: 'period', code: 'projectReport.exportFuture', params: { period } });
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  const where = await loadProjectScope(ctx, ctx.db, actor);
  const [projects, filedRows, toDate, plans, cal, dueDay, region] = await Promise.all([
    ctx.db.selectFrom('projects')
      .leftJoin('units', 'units.id', 'projects.leadUnitId')
      .leftJoin('users as leader', 'leader.id', 'projects.leaderUserId')
      .select(['projects.id', 'projects.serial', 'projects.name', 'projects.projectCode', 'projects.stage', 'projects.actualStart', 'projects.actualCompletion', 'projects.totalInvestment',
        'units.name as leadUnitName', 'leader.displayName as leaderName'])
      .where(where).orderBy('projects.serial').execute(),
    periodReportsInScope(ctx.db, where, period),
    toDateInScope(ctx.db, where, period),
    ctx.db.selectFrom('projectYearPlans').select(['projectYearPlans.projectId', 'projectYearPlans.plannedInvestment']).where('projectYearPlans.year', '=', year)
      .where('projectYearPlans.projectId', 'in', ctx.db.selectFrom('projects').select('projects.id').where(where)).execute(),
    loadCalendar(ctx), getSetting(ctx, 'projects.reportDueDay'),
    ctx.db.selectFrom('regions').select('name').where('code', '=', actor.regionCode).executeTakeFirst(),
  ]);
  const filed = new Map(filedRows.map((r) => [r.projectId, r]));
  const plan = new Map(plans.map((p) => [p.projectId, Number(p.plannedInvestment)]));
  const dueOn = reportDueOn(period, dueDay, cal);
  const overdue = day > dueOn;
  const rows = projects.filter((p) => owesMonthlyReport(p, period) || filed.has(p.id)).map((p) => {
    const r = filed.get(p.id);
    const sums = toDate.get(p.id);
    const yearPlan = plan.get(p.id) ?? null;
    const ytd = sums?.yearToDate ?? 0;
    return {
      name: p.name, projectCode: p.projectCode, leadUnitName: p.leadUnitName ?? '', leaderName: p.leaderName ?? null, stage: stageLabel(p.stage, 'zh-CN'),
      totalInvestment: Number(p.totalInvestment), yearPlan, amount: r ? round2(r.amount) : null, yearToDate: ytd,
      rate: yearPlan ? Math.round((ytd / yearPlan) * 1000) / 10 : null, sinceStart: sums?.sinceStart ?? 0,
      progressText: r?.progressText ?? null, problemsText: r?.problemsText ?? null, filedAt: r ? shanghaiDateTime(r.filedAt) : null,
      late: r ? (r.late ? '是' : '否') : overdue ? '是' : '否', status: r ? '已报' : '未报',
    };
  });
  type R = (typeof rows)[number];
  const cols: { h: string; w: number; v: (r: R, i: number) => string | number | null; money?: boolean }[] = [
    { h: '序号', w: 6, v: (_r, i) => i + 1 },
    { h: '项目名称', w: 30, v: (r) => r.name },
    { h: '投资项目统一代码', w: 26, v: (r) => r.projectCode },
    { h: '牵头单位', w: 20, v: (r) => r.leadUnitName },
    { h: '包抓领导', w: 10, v: (r) => r.leaderName },
    { h: '项目阶段', w: 8, v: (r) => r.stage },
    { h: '总投资', w: 12, v: (r) => r.totalInvestment, money: true },
    { h: '年度计划投资', w: 13, v: (r) => r.yearPlan, money: true },
    { h: '当月完成投资', w: 13, v: (r) => r.amount, money: true },
    { h: `1-${month}月完成投资`, w: 13, v: (r) => r.yearToDate, money: true },
    { h: '年度完成率(%)', w: 10, v: (r) => r.rate },
    { h: '自开工累计完成投资', w: 14, v: (r) => r.sinceStart, money: true },
    { h: '形象进度', w: 40, v: (r) => r.progressText },
    { h: '存在问题', w: 30, v: (r) => r.problemsText },
    { h: '填报时间', w: 17, v: (r) => r.filedAt },
    { h: '是否逾期', w: 8, v: (r) => r.late },
    { h: '状态', w: 8, v: (r) => r.status },
  ];
  const done = rows.filter((r) => r.status === '已报').length;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'luoshi';
  const ws = wb.addWorksheet(`${year}年${month}月`);
  ledgerSheet(ws, {
    title: `${region?.name ?? ''}重大项目${year}年${month}月投资完成情况`, unitNote: `报送截止 ${dueOn}　应报 ${rows.length} 个，已报 ${done} 个，未报 ${rows.length - done} 个　　单位：万元`,
    headers: cols.map((c) => c.h), widths: cols.map((c) => c.w), moneyCols: moneyCols(cols),
  });
  rows.forEach((r, i) => {
    const row = ws.addRow(cols.map((c) => c.v(r, i) ?? ''));
    if (r.status === '未报') row.getCell(cols.length).font = { color: { argb: 'FFD63939' } };
  });
  const totalPlan = round2(rows.reduce((s, r) => s + (r.yearPlan ?? 0), 0));
  const totalYtd = round2(rows.reduce((s, r) => s + r.yearToDate, 0));
  const values: Record<number, string | number> = Object.fromEntries(moneyCols(cols).map((k) => [k, columnSum(rows.map((r, i) => cols[k].v(r, i)))]));
  values[cols.findIndex((c) => c.h === '年度完成率(%)')] = totalPlan ? Math.round((totalYtd / totalPlan) * 1000) / 10 : '';
  values[cols.length - 1] = `已报 ${done}／未报 ${rows.length - done}`;
  totalRow(ws, { columns: cols.length, count: rows.length, values });
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), filename: `重大项目月报-${year}年${month}月.xlsx` };
}
