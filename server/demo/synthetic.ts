// A generated county of a given size, for benchmarks: units and users (later modules add their rows here).
import type { Ctx } from '../context.js';
import { newId } from '../platform/clock.js';
import { hashPassword } from '../platform/auth/passwords.js';
import type { Role } from '../../common/roles.js';
import { makeCalendar } from '../platform/calendar/working-days.js';
import { computeRag } from '../modules/tasks/task-rag.js';
import { TASK_SOURCES } from '../modules/tasks/schemas.js';

export interface SyntheticOptions { regionCode: string; regionName: string; units: number; users: number; tasks?: number; password: string; onProgress?: (done: number, total: number) => void }

export async function seedSynthetic(ctx: Ctx, o: SyntheticOptions): Promise<{ regionCode: string; units: number; users: number }> {
  const now = ctx.clock.now().toISOString();
  const hash = await hashPassword(o.password);
  const exists = await ctx.db.selectFrom('regions').select('code').where('code', '=', o.regionCode).executeTakeFirst();
  if (!exists) await ctx.db.insertInto('regions').values({ code: o.regionCode, name: o.regionName, level: 'county', parentCode: null }).execute();
  const unitIds: string[] = [];
  const prefix = `s${o.regionCode}`;
  for (let start = 0; start < o.units; start += 500) {
    const rows = Array.from({ length: Math.min(500, o.units - start) }, (_, k) => {
      const i = start + k; const id = newId() + i.toString(36);
      unitIds.push(id);
      return { id, regionCode: o.regionCode, name: `合成单位${String(i + 1).padStart(5, '0')}`, shortName: null, kind: i % 4 === 0 ? 'township' : 'bureau', parentId: null, sortOrder: i, phone: null, createdAt: now, updatedAt: now };
    });
    await ctx.db.insertInto('units').values(rows).execute();
  }
  const batch = 500;
  for (let start = 0; start < o.users; start += batch) {
    const n = Math.min(batch, o.users - start);
    const users = Array.from({ length: n }, (_, k) => {
      const i = start + k;
      return { id: newId() + i.toString(36), regionCode: o.regionCode, unitId: unitIds[i % unitIds.length] ?? null, username: `${prefix}_${i}`, displayName: `用户${i}`, title: null, phone: null, passwordHash: hash, mustChangePassword: 0, createdAt: now, updatedAt: now };
    });
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('users').values(users).execute();
      const roles: { userId: string; role: Role }[] = users.map((u, k) => ({ userId: u.id, role: (start + k) % 10 === 0 ? 'unit_admin' : 'unit_staff' }));
      await trx.insertInto('userRoles').values(roles).execute();
    });
    o.onProgress?.(start + n, o.users);
  }
  if (o.tasks) await seedSyntheticTasks(ctx, o.regionCode, unitIds, o.tasks, o.onProgress);
  return { regionCode: o.regionCode, units: o.units, users: o.users };
}

/** Tasks spread over the units and the year, in every state; colours computed by the real rules. */
async function seedSyntheticTasks(ctx: Ctx, regionCode: string, unitIds: string[], count: number, onProgress?: (d: number, t: number) => void) {
  const cal = makeCalendar();
  const today = new Date(ctx.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const statuses = ['assigned', 'in_progress', 'in_progress', 'in_progress', 'completion_requested', 'completed', 'closed', 'closed', 'returned'] as const;
  const cadences = ['once', 'weekly', 'fortnightly', 'monthly'] as const;
  let seed = 42; const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const year = today.slice(0, 4);
  for (let start = 0; start < count; start += 1000) {
    const n = Math.min(1000, count - start);
    const rows: any[] = []; const events: any[] = [];
    for (let k = 0; k < n; k++) {
      const i = start + k;
      const id = newId() + i.toString(36);
      const startDate = cal.addWorkdays(`${year}-01-02`, Math.floor(rand() * 220));
      const deadline = cal.addWorkdays(startDate, 10 + Math.floor(rand() * 80));
      const status = statuses[Math.floor(rand() * statuses.length)];
      const cadence = cadences[Math.floor(rand() * cadences.length)];
      const progress = status === 'completed' || status === 'closed' ? 100 : Math.floor(rand() * 90);
      const at = `${startDate}T01:00:00.000Z`;
      const accepted = status !== 'assigned' && status !== 'returned' ? `${cal.addWorkdays(startDate, 1)}T02:00:00.000Z` : null;
      const completed = status === 'completed' || status === 'closed' ? `${cal.addWorkdays(deadline, rand() < 0.8 ? -1 : 2)}T03:00:00.000Z` : null;
      const r = computeRag(cal, { status, startDate, deadline, progress, cadence, cadenceDay: null, acceptedOn: accepted?.slice(0, 10) ?? null, reportDates: [], milestones: [], completedOn: completed?.slice(0, 10) ?? null, today });
      const title = `合成督办事项${i}：${['推进', '落实', '整改', '完成'][i % 4]}${['项目建设', '审计问题', '民生实事', '会议议定事项'][(i >> 2) % 4]}`;
      const serial = `${year}-${String(i + 1).padStart(6, '0')}`;
      rows.push({
        id, regionCode, serial, source: TASK_SOURCES[i % 6], sourceRef: null, sourceTitle: null, sourceDate: startDate, title, content: null,
        leaderUserId: null, leadUnitId: unitIds[i % unitIds.length], level: i % 10 === 0 ? 'key' : 'normal', cadence, cadenceDay: null, cadenceReason: null,
        startDate, deadline, originalDeadline: deadline, acceptDue: cal.addWorkdays(startDate, 3), status, progress, pendingExtensionTo: null,
        needsLeaderSignoff: 0, signedOffAt: null, originType: null, originId: null, recurringId: null, assignedAt: at, acceptedAt: accepted,
        completedAt: completed, closedAt: status === 'closed' ? completed : null, lastReportAt: null, quality: completed ? 3 + (i % 3) : null,
        rag: r.rag, ragReasons: JSON.stringify(r.reasons), ragOn: today, expectedProgress: r.expectedProgress, missedReports: r.missedReports,
        nextReportDue: r.nextReportDue, searchText: `${serial} ${title}`.toLowerCase(), createdBy: null, createdAt: at, updatedAt: at,
      });
      events.push({ id: newId() + 'e' + i.toString(36), taskId: id, at, action: 'assign', actorId: null, actorName: '合成数据', unitId: unitIds[i % unitIds.length], comment: null, reason: null, progress: null, dataJson: null, attachmentsJson: null, fieldsTyped: 0 });
    }
    await ctx.db.transaction().execute(async (trx) => {
      for (let j = 0; j < rows.length; j += 200) await trx.insertInto('tasks').values(rows.slice(j, j + 200)).execute();
      for (let j = 0; j < events.length; j += 500) await trx.insertInto('taskEvents').values(events.slice(j, j + 500)).execute();
    });
    onProgress?.(start + n, count);
  }
}
