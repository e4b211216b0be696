// 现场办公: a leader's visit to a project — who came, what was decided. Each decision becomes a task of the 督查督办
// loop with source 会议议定事项 ('meeting'): a 现场办公会 is a meeting, its decisions are 议定事项, and such tasks
// close only when the leader who decided signs off (the tasks module's rule). The visiting leader is the task's
// responsible leader; the origin links the project ({ type: 'project_issue', id: <project id> }).
import type { Ctx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { newId, shanghaiDate } from '../../platform/clock.js';
import { Invalid, type FieldError } from '../../platform/errors.js';
import { openTask } from '../tasks/service.js';
import { taskSummaries } from '../tasks/read.js';
import { isOpen, type TaskStatus } from '../tasks/task-states.js';
import { PROJECT_ORIGIN } from './problems-service.js';
import { projectFor, rightsOn } from './tracking-access.js';
import type { VisitInput } from './tracking-schemas.js';
import { isRegionLeader } from '../leaders/repository.js';

export async function recordVisit(ctx: Ctx, actor: Actor, projectId: string, input: VisitInput) {
  authorize(actor, 'projects.read');
  const id = await inTransaction(ctx, async (trx) => {
    const p = await projectFor(ctx, trx, actor, projectId, 'visit');
    const day = shanghaiDate(ctx.clock.now());
    const errors: FieldError[] = [];
    // A leader records his own visit; the 督查室 names the leader.
    const leaderUserId = input.leaderUserId ?? (actor.roles.has('leader') ? actor.userId : null);
    if (!leaderUserId) errors.push({ field: 'leaderUserId', code: 'invalid.required' });
    else if (!(await isRegionLeader(trx, leaderUserId, p.regionCode))) {
      errors.push({ field: 'leaderUserId', code: 'invalid.value' });
    }
    if (input.visitedOn > day) errors.push({ field: 'visitedOn', code: 'projectVisit.future' });
    if (!input.attendees.trim()) errors.push({ field: 'attendees', code: 'invalid.required' });
    input.decisions.forEach((d, i) => {
      if (!d.content.trim()) errors.push({ field: `decisions/${i}/content`, code: 'invalid.required' });
      if (d.deadline < day) errors.push({ field: `decisions/${i}/deadline`, code: 'task.deadlineBeforeStart' });
    });
    if (errors.length) throw new Invalid(errors);
    const visitId = newId();
    const now = ctx.clock.now().toISOString();
    await trx.insertInto('projectVisits').values({ id: visitId, projectId: p.id, regionCode: p.regionCode, leaderUserId: leaderUserId!, visitedOn: input.visitedOn, attendees: input.attendees.trim(), summary: input.summary?.trim() || null, createdBy: actor.userId, createdAt: now }).execute();
    const taskIds: string[] = [];
    for (const [i, d] of input.decisions.entries()) {
      const content = d.content.trim();
      const taskId = await openTask(ctx, trx, actor, {
        source: 'meeting', sourceRef: p.serial, sourceTitle: `现场办公：${p.name}`, sourceDate: input.visitedOn,
        title: `【现场办公】${p.name}：${content.slice(0, 60)}`, content, leadUnitId: d.leadUnitId, leaderUserId: leaderUserId!,
        level: 'key', cadence: 'once', startDate: day, deadline: d.deadline,
      }, { type: PROJECT_ORIGIN, id: p.id });
      await trx.insertInto('projectVisitDecisions').values({ id: newId(), visitId, projectId: p.id, content, leadUnitId: d.leadUnitId, deadline: d.deadline, taskId, sortOrder: i }).execute();
      taskIds.push(taskId);
    }
    await audit(ctx, trx, actor, { action: 'project.visit.record', entityType: 'project_visit', entityId: visitId, after: { projectId: p.id, ...input, leaderUserId, taskIds } });
    return visitId;
  });
  return (await projectVisits(ctx, actor, projectId)).items.find((v) => v.id === id)!;
}

export async function projectVisits(ctx: Ctx, actor: Actor, projectId: string) {
  const p = await projectFor(ctx, ctx.db, actor, projectId);
  const rights = await rightsOn(ctx, ctx.db, actor, p);
  const visits = await ctx.db.selectFrom('projectVisits').leftJoin('users', 'users.id', 'projectVisits.leaderUserId')
    .select(['projectVisits.id', 'projectVisits.visitedOn', 'projectVisits.attendees', 'projectVisits.summary', 'projectVisits.leaderUserId', 'users.displayName as leaderName'])
    .where('projectVisits.projectId', '=', p.id).orderBy('projectVisits.visitedOn', 'desc').orderBy('projectVisits.id', 'desc').execute();
  const decisions = visits.length ? await ctx.db.selectFrom('projectVisitDecisions').innerJoin('units', 'units.id', 'projectVisitDecisions.leadUnitId')
    .select(['projectVisitDecisions.visitId', 'projectVisitDecisions.id', 'projectVisitDecisions.content', 'projectVisitDecisions.deadline', 'units.name as unitName', 'projectVisitDecisions.taskId'])
    .where('projectVisitDecisions.projectId', '=', p.id).orderBy('projectVisitDecisions.sortOrder').execute() : [];
  const tasks = await taskSummaries(ctx.db, decisions.map((d) => d.taskId));
  return {
    projectId: p.id, canRecord: rights.visit,
    items: visits.map((v) => ({
      id: v.id, visitedOn: v.visitedOn, attendees: v.attendees, summary: v.summary, leader: { id: v.leaderUserId, name: v.leaderName ?? '' },
      decisions: decisions.filter((d) => d.visitId === v.id && tasks.has(d.taskId)).map((d) => {
        const t = tasks.get(d.taskId)!;
        return {
          id: d.id, content: d.content, deadline: d.deadline, leadUnitName: d.unitName,
          task: { id: t.id, serial: t.serial, status: t.status, rag: t.rag }, open: isOpen(t.status as TaskStatus),
        };
      }),
    })),
  };
}
