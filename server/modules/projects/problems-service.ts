// Problems raised on a project (用地, 资金, 审批, 征迁, 水电路气, 其他): each opens a task of the 督查督办 loop through the
// tasks service (source 项目问题, origin { type: 'project_issue', id: <project id> }), so it is followed, reminded,
// coloured and closed like any task; the problem's state is its task's state. A red project is sent to the 督查室 in
// one step the same way (kind 'red_light'): a 重点 task with the light's reasons, announced to the region's 督查室
// (inbox), which may then issue a 督办通知单 on it through the tasks module's escalation when the task turns red.
import type { Ctx, Trx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { newId, shanghaiDate } from '../../platform/clock.js';
import { Conflict, Invalid } from '../../platform/errors.js';
import { PROBLEM_KIND_LABELS, type ProblemKind } from '../../../common/project-labels.js';
import { loadCalendar } from '../calendar/service.js';
import { notify } from '../notifications/service.js';
import { openTask } from '../tasks/service.js';
import { taskSummaries } from '../tasks/read.js';
import { isOpen, type TaskStatus } from '../tasks/task-states.js';
import { unitBelongsTo } from '../units/service.js';
import { lightsFor } from './traffic-light-read.js';
import { projectFor, rightsOn, type ProjectRow } from './tracking-access.js';
import type { ProblemInput, ReferInput } from './tracking-schemas.js';
import { isRegionLeader } from '../leaders/repository.js';

/** Working days a problem's task has when the raiser gives no deadline. */
export const PROBLEM_DEFAULT_WORKDAYS = 10;
const today = (ctx: Ctx) => shanghaiDate(ctx.clock.now());
export const PROJECT_ORIGIN = 'project_issue';

/** The project's 包抓 leader when he is in the region's leaders directory (the tasks service checks it). */
export async function taskLeaderOf(db: Trx, p: Pick<ProjectRow, 'leaderUserId' | 'regionCode'>): Promise<string | null> {
  if (!p.leaderUserId) return null;
  return (await isRegionLeader(db, p.leaderUserId, p.regionCode)) ? p.leaderUserId : null;
}

export async function raiseProblem(ctx: Ctx, actor: Actor, projectId: string, input: ProblemInput) {
  authorize(actor, 'projects.manage');
  const id = await inTransaction(ctx, async (trx) => {
    const p = await projectFor(ctx, trx, actor, projectId, 'edit');
    const description = input.description.trim();
    if (!description) throw new Invalid({ field: 'description', code: 'invalid.required' });
    const unitId = input.responsibleUnitId ?? p.leadUnitId;
    if (input.responsibleUnitId && !(await unitBelongsTo(trx, p.regionCode, unitId))) throw new Invalid({ field: 'responsibleUnitId', code: 'invalid.value' });
    const day = today(ctx);
    const deadline = input.deadline ?? (await loadCalendar(ctx, trx)).addWorkdays(day, PROBLEM_DEFAULT_WORKDAYS);
    if (deadline < day) throw new Invalid({ field: 'deadline', code: 'task.deadlineBeforeStart' });
    const kind = PROBLEM_KIND_LABELS[input.kind as ProblemKind]['zh-CN'];
    const taskId = await openTask(ctx, trx, actor, {
      source: 'project_issue', sourceRef: p.serial, sourceTitle: p.name, title: `【${kind}】${p.name}：${description.slice(0, 60)}`,
      content: description, leadUnitId: unitId, leaderUserId: await taskLeaderOf(trx, p), level: 'key', cadence: 'once', deadline,
    }, { type: PROJECT_ORIGIN, id: p.id });
    const problemId = newId();
    await trx.insertInto('projectProblems').values({ id: problemId, projectId: p.id, regionCode: p.regionCode, kind: input.kind, description, taskId, raisedBy: actor.userId, raisedByName: actor.displayName, raisedAt: ctx.clock.now().toISOString() }).execute();
    await audit(ctx, trx, actor, { action: 'project.problem.raise', entityType: 'project_problem', entityId: problemId, after: { projectId: p.id, kind: input.kind, description, taskId } });
    return problemId;
  });
  return (await projectProblems(ctx, actor, projectId)).items.find((x) => x.id === id)!;
}

export async function projectProblems(ctx: Ctx, actor: Actor, projectId: string) {
  const p = await projectFor(ctx, ctx.db, actor, projectId);
  const rights = await rightsOn(ctx, ctx.db, actor, p);
  const rows = await ctx.db.selectFrom('projectProblems')
    .select(['id', 'kind', 'description', 'raisedAt', 'raisedByName', 'taskId'])
    .where('projectId', '=', p.id).orderBy('raisedAt', 'desc').execute();
  const tasks = await taskSummaries(ctx.db, rows.map((r) => r.taskId));
  const items = rows.filter((r) => tasks.has(r.taskId)).map((r) => {
    const t = tasks.get(r.taskId)!;
    return {
      id: r.id, kind: r.kind, description: r.description, raisedAt: r.raisedAt, raisedByName: r.raisedByName,
      open: isOpen(t.status as TaskStatus),
      task: { id: t.id, serial: t.serial, status: t.status, rag: t.rag, deadline: t.deadline, progress: t.progress, completedAt: t.completedAt, leadUnitName: t.leadUnitName },
    };
  });
  return { projectId: p.id, canRaise: rights.edit, canRefer: rights.refer, items, open: items.filter((i) => i.open).length, closed: items.filter((i) => !i.open).length };
}

/** 红灯项目报送督查室: one step; refused unless the project is red now, or while an earlier referral is still open. */
export async function referRedProject(ctx: Ctx, actor: Actor, projectId: string, input: ReferInput) {
  authorize(actor, 'projects.read');
  const id = await inTransaction(ctx, async (trx) => {
    const p = await projectFor(ctx, trx, actor, projectId, 'refer');
    const day = today(ctx);
    const light = (await lightsFor(ctx, trx, [p], day, actor.locale)).get(p.id)!;
    if (light.light !== 'red') throw new Conflict('projectLight.notRed', {}, { light: light.light });
    const referrals = await trx.selectFrom('projectProblems').select('taskId').where('projectId', '=', p.id).where('kind', '=', 'red_light').execute();
    const stillOpen = [...(await taskSummaries(trx, referrals.map((o) => o.taskId))).values()].find((o) => isOpen(o.status as TaskStatus));
    if (stillOpen) throw new Conflict('projectLight.alreadyReferred', { serial: stillOpen.serial });
    const reasons = light.reasons.filter((r) => r.code !== 'projectLight.onPace').map((r) => r.message);
    const note = input.note?.trim();
    const description = [...reasons, ...(note ? [note] : [])].join('；');
    const deadline = input.deadline ?? (await loadCalendar(ctx, trx)).addWorkdays(day, PROBLEM_DEFAULT_WORKDAYS);
    if (deadline < day) throw new Invalid({ field: 'deadline', code: 'task.deadlineBeforeStart' });
    const taskId = await openTask(ctx, trx, actor, {
      source: 'project_issue', sourceRef: p.serial, sourceTitle: p.name, title: `【红灯项目】${p.name}`, content: description,
      leadUnitId: p.leadUnitId, leaderUserId: await taskLeaderOf(trx, p), level: 'key', cadence: 'once', deadline,
    }, { type: PROJECT_ORIGIN, id: p.id });
    const problemId = newId();
    await trx.insertInto('projectProblems').values({ id: problemId, projectId: p.id, regionCode: p.regionCode, kind: 'red_light', description, taskId, raisedBy: actor.userId, raisedByName: actor.displayName, raisedAt: ctx.clock.now().toISOString() }).execute();
    // The 督查室 hears of it at once (the task is in its 督办台 as well).
    const supervisors = await trx.selectFrom('users').innerJoin('userRoles', 'userRoles.userId', 'users.id').select('users.id')
      .where('users.regionCode', '=', p.regionCode).where('userRoles.role', '=', 'supervisor').execute();
    await notify(ctx, trx, supervisors.map((s) => s.id), { kind: 'project_red', title: { key: 'projectLight.referredTitle', params: { name: p.name } }, body: description, taskId });
    await audit(ctx, trx, actor, { action: 'project.refer', entityType: 'project_problem', entityId: problemId, after: { projectId: p.id, light: light.light, reasons, taskId } });
    return problemId;
  });
  return (await projectProblems(ctx, actor, projectId)).items.find((x) => x.id === id)!;
}
