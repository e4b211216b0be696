// 截止日历: the open tasks whose deadline falls on each day of a month, scoped and filtered like the console's list,
// with counts by colour, the milestones (节点) of open tasks due that day, and the working days marked.
import { sql } from 'kysely';
import type { Ctx } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { addDays } from '../../platform/calendar/working-days.js';
import { loadCalendar } from '../calendar/service.js';
import type { CalendarFilter } from './bulk-schemas.js';
import * as repo from './repository.js';
import { today } from './service.js';

export const CALENDAR_MAX_TASKS = 5000;
type Rag = 'red' | 'yellow' | 'green';

export async function deadlineCalendar(ctx: Ctx, actor: Actor, f: CalendarFilter) {
  authorize(actor, 'tasks.read');
  const { month, rag, ...filters } = f;
  const first = `${month}-01`;
  const last = addDays(addDays(first, 32).slice(0, 7) + '-01', -1);
  let q = repo.filtered(ctx.db, actor, { ...filters, status: 'open', deadlineFrom: first, deadlineTo: last }, today(ctx));
  if (rag) q = q.where('tasks.rag', '=', rag);
  // 节点: the milestones due this month of the same open tasks (whatever their deadline).
  let mq = repo.filtered(ctx.db, actor, { ...filters, status: 'open' }, today(ctx))
    .innerJoin('taskMilestones as milestone', 'milestone.taskId', 'tasks.id')
    .where('milestone.dueDate', '>=', first).where('milestone.dueDate', '<=', last);
  if (rag) mq = mq.where('tasks.rag', '=', rag);
  const [rows, milestoneRows, cal] = await Promise.all([
    q.select(['tasks.id', 'tasks.serial', 'tasks.title', 'tasks.status', 'tasks.level', 'tasks.progress', 'tasks.rag', 'tasks.deadline', 'tasks.leadUnitId', 'leadUnit.name as leadUnitName'])
      .orderBy('tasks.deadline').orderBy(sql`case tasks.rag when 'red' then 0 when 'yellow' then 1 else 2 end`).orderBy('tasks.id')
      .limit(CALENDAR_MAX_TASKS + 1).execute(),
    mq.select(['milestone.id as milestoneId', 'milestone.title as milestoneTitle', 'milestone.dueDate', 'milestone.doneAt', 'tasks.id', 'tasks.serial', 'tasks.title', 'tasks.rag', 'tasks.leadUnitId', 'leadUnit.name as leadUnitName'])
      .orderBy('milestone.dueDate').orderBy('tasks.id').orderBy('milestone.id').limit(CALENDAR_MAX_TASKS + 1).execute(),
    loadCalendar(ctx),
  ]);
  const truncated = rows.length > CALENDAR_MAX_TASKS || milestoneRows.length > CALENDAR_MAX_TASKS;
  const byDay = new Map<string, typeof rows>();
  for (const r of rows.slice(0, CALENDAR_MAX_TASKS)) byDay.set(r.deadline, [...(byDay.get(r.deadline) ?? []), r]);
  const milestonesByDay = new Map<string, typeof milestoneRows>();
  for (const m of milestoneRows.slice(0, CALENDAR_MAX_TASKS)) milestonesByDay.set(m.dueDate, [...(milestonesByDay.get(m.dueDate) ?? []), m]);
  const days = [];
  for (let d = first; d <= last; d = addDays(d, 1)) {
    const list = byDay.get(d) ?? [];
    const counts = { red: 0, yellow: 0, green: 0, total: list.length };
    for (const t of list) counts[t.rag as Rag]++;
    days.push({
      date: d, workday: cal.isWorkday(d), counts,
      tasks: list.map((t) => ({ id: t.id, serial: t.serial, title: t.title, status: t.status, level: t.level, progress: t.progress, rag: t.rag as Rag, leadUnit: { id: t.leadUnitId, name: t.leadUnitName } })),
      milestones: (milestonesByDay.get(d) ?? []).map((m) => ({
        id: m.milestoneId, title: m.milestoneTitle, done: !!m.doneAt,
        task: { id: m.id, serial: m.serial, title: m.title, rag: m.rag as Rag, leadUnit: { id: m.leadUnitId, name: m.leadUnitName } },
      })),
    });
  }
  return { month, total: Math.min(rows.length, CALENDAR_MAX_TASKS), truncated, days };
}
