// Export of the library in the customary ledger layout (title, 单位：万元, one header row, a 合计 row): the same file
// can be edited and imported back (library-import.ts matches these headers).
import ExcelJS from 'exceljs';
import type { Ctx } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { columnSum, ledgerSheet, moneyCols, totalRow } from '../../platform/excel/customary-sheet.js';
import { approvalLabel, stageLabel } from '../../../common/project-labels.js';
import { loadProjectScope } from './scope.js';
import { thisYear, today } from './library-service.js';
import * as repo from './library-repository.js';
import type { ProjectListFilter } from './library-schemas.js';

export async function exportLedger(ctx: Ctx, actor: Actor, f: Omit<ProjectListFilter, 'page' | 'pageSize'>): Promise<Buffer> {
  authorize(actor, 'projects.read');
  const where = await loadProjectScope(ctx, ctx.db, actor);
  const rows = await repo.allProjects(ctx.db, where, f);
  const ids = rows.map((r) => r.id);
  const year = thisYear(ctx);
  const t = today(ctx);
  const plans = new Map<string, number>();
  const approvals = new Map<string, { kind: string; actualOn: string | null; plannedOn: string | null }[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    for (const p of await repo.yearPlans(ctx.db, part)) if (p.year === year) plans.set(p.projectId, Number(p.plannedInvestment));
    for (const a of await repo.approvalsOf(ctx.db, part)) (approvals.get(a.projectId) ?? approvals.set(a.projectId, []).get(a.projectId)!).push(a);
  }
  const region = await ctx.db.selectFrom('regions').select('name').where('code', '=', actor.regionCode).executeTakeFirst();
  type R = (typeof rows)[number];
  const cols: { h: string; w: number; v: (r: R, i: number) => string | number | null; money?: boolean }[] = [
    { h: '序号', w: 6, v: (_r, i) => i + 1 },
    { h: '项目名称', w: 30, v: (r) => r.name },
    { h: '投资项目统一代码', w: 26, v: (r) => r.projectCode },
    { h: '项目类别', w: 10, v: (r) => r.category },
    { h: '行业代码', w: 8, v: (r) => r.industryCode },
    { h: '所在乡镇', w: 10, v: (r) => r.townshipName ?? null },
    { h: '业主单位', w: 24, v: (r) => r.ownerName },
    { h: '统一社会信用代码', w: 20, v: (r) => r.ownerCreditCode },
    { h: '建设内容', w: 40, v: (r) => r.content },
    { h: '总投资', w: 12, v: (r) => Number(r.totalInvestment), money: true },
    { h: `${year}年计划投资`, w: 14, v: (r) => plans.get(r.id) ?? null, money: true },
    { h: '计划开工时间', w: 12, v: (r) => r.plannedStart },
    { h: '实际开工时间', w: 12, v: (r) => r.actualStart },
    { h: '计划竣工时间', w: 12, v: (r) => r.plannedCompletion },
    { h: '实际竣工时间', w: 12, v: (r) => r.actualCompletion },
    { h: '项目阶段', w: 8, v: (r) => stageLabel(r.stage, 'zh-CN') },
    { h: '包抓领导', w: 10, v: (r) => r.leaderName ?? null },
    { h: '牵头单位', w: 22, v: (r) => r.leadUnitName },
    { h: '工作专班', w: 20, v: (r) => r.taskForce },
    { h: '实施方案', w: 30, v: (r) => r.planSummary },
    { h: '待办前期手续', w: 18, v: (r) => { const n = repo.nextMissing(approvals.get(r.id) ?? [], t); return n ? approvalLabel(n.kind, 'zh-CN') + (n.plannedOn ? `（计划 ${n.plannedOn}）` : '') : '已齐全'; } },
  ];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'luoshi';
  const ws = wb.addWorksheet('项目库');
  ledgerSheet(ws, { title: `${region?.name ?? ''}重大项目库`, unitNote: `截至 ${t}　　单位：万元`, headers: cols.map((c) => c.h), widths: cols.map((c) => c.w), moneyCols: moneyCols(cols) });
  rows.forEach((r, i) => ws.addRow(cols.map((c) => c.v(r, i) ?? '')));
  totalRow(ws, { columns: cols.length, count: rows.length, values: Object.fromEntries(moneyCols(cols).map((k) => [k, columnSum(rows.map((r, i) => cols[k].v(r, i)))])) });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
