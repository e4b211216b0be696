// 截止日历: the open tasks whose deadline falls on each day of a month, scoped and filtered like the console's list,
// with counts by colour and the working days marked.
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
  const [rows, cal] = await Promise.all([
    q.select(['tasks.id', 'tasks.serial', 'tasks.title', 'tasks.status', 'tasks.level', 'tasks.progress', 'tasks.rag', 'tasks.deadline', 'tasks.leadUnitId', 'leadUnit.name as leadUnitName'])
      .orderBy('tasks.deadline').orderBy(sql`case tasks.rag when 'red' then 0 when 'yellow' then 1 else 2 end`).orderBy('tasks.id')
      .limit(CALENDAR_MAX_TASKS + 1).execute(),
    loadCalendar(ctx),
  ]);
  const truncated = rows.length > CALENDAR_MAX_TASKS;
  const byDay = new Map<string, typeof rows>();
  for (const r of rows.slice(0, CALENDAR_MAX_TASKS)) byDay.set(r.deadline, [...(byDay.get(r.deadline) ?? []), r]);
  const days = [];
  for (let d = first; d <= last; d = addDays(d, 1)) {
    const list = byDay.get(d) ?? [];
    const counts = { red: 0, yellow: 0, green: 0, total: list.length };
    for (const t of list) counts[t.rag as Rag]++;
    days.push({
      date: d, workday: cal.isWorkday(d), counts,
      tasks: list.map((t) => ({ id: t.id, serial: t.serial, title: t.title, status: t.status, level: t.level, progress: t.progress, rag: t.rag as Rag, leadUnit: { id: t.leadUnitId, name: t.leadUnitName } })),
    });
  }
  return { month, total: Math.min(rows.length, CALENDAR_MAX_TASKS), truncated, days };
}
