// Who hears about a step of the loop, in the inbox and in the unit's robot group, written in the step's own
// transaction (the robot message is only queued; the request never waits for it):
//   交办/改派 assign, reassign           → the lead unit (and, on assignment, the co-units)
//   退回 return                          → whoever assigned the task, and the region-wide robots
//   退办 send_back, 延期 approve/deny, 办结 complete → the lead unit (办结 also the leader who must sign off)
import type { Ctx, Trx } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { notify, pushToWebhooks, type Text } from '../notifications/service.js';
import { unitMembers } from '../users/unit-members.js';
import { UNIT_RECIPIENT_ROLES } from './reminder-rules.js';
import { coUnitsOf } from './repository.js';
import type { TaskAction } from './task-states.js';

type Step = TaskAction | 'assign';
const TO_LEAD_UNIT = new Set<Step>(['send_back', 'approve_extension', 'deny_extension', 'complete']);

export async function noticeStep(ctx: Ctx, trx: Trx, actor: Actor, taskId: string, step: Step, comment?: string | null): Promise<void> {
  if (step !== 'assign' && step !== 'reassign' && step !== 'return' && !TO_LEAD_UNIT.has(step)) return;
  const t = await trx.selectFrom('tasks').innerJoin('units', 'units.id', 'tasks.leadUnitId')
    .select(['tasks.serial', 'tasks.title', 'tasks.regionCode', 'tasks.leadUnitId', 'units.name as unitName', 'tasks.deadline', 'tasks.acceptDue',
      'tasks.createdBy', 'tasks.leaderUserId', 'tasks.needsLeaderSignoff'])
    .where('tasks.id', '=', taskId).executeTakeFirstOrThrow();
  const params = { serial: t.serial, title: t.title, unit: t.unitName, deadline: t.deadline, acceptDue: t.acceptDue };
  const others = (ids: string[]) => ids.filter((id) => id !== actor.userId);
  const said: Text | null = comment ? { key: 'notice.by', params: { name: actor.displayName, comment } } : null;
  const lead = async () => (await unitMembers(trx, [t.leadUnitId], UNIT_RECIPIENT_ROLES)).map((m) => m.id);

  if (step === 'assign' || step === 'reassign') {
    const title: Text = { key: 'notice.assign', params }; const body: Text = { key: 'notice.assignBody', params };
    await notify(ctx, trx, others(await lead()), { kind: 'task.assign', title, body, taskId });
    await pushToWebhooks(ctx, trx, { regionCode: t.regionCode, unitIds: [t.leadUnitId] }, { title, lines: [body] });
    if (step === 'assign') {
      const co = ((await coUnitsOf(trx, [taskId])).get(taskId) ?? []).map((u) => u.id);
      if (!co.length) return;
      const coTitle: Text = { key: 'notice.assignCo', params }; const coBody: Text = { key: 'notice.assignCoBody', params };
      await notify(ctx, trx, others((await unitMembers(trx, co, UNIT_RECIPIENT_ROLES)).map((m) => m.id)), { kind: 'task.assign_co', title: coTitle, body: coBody, taskId });
      await pushToWebhooks(ctx, trx, { regionCode: t.regionCode, unitIds: co }, { title: coTitle, lines: [coBody] });
    }
    return;
  }
  const title: Text = { key: `notice.${step}`, params };
  if (step === 'return') {
    await notify(ctx, trx, others(t.createdBy ? [t.createdBy] : []), { kind: 'task.return', title, body: said, taskId });
    await pushToWebhooks(ctx, trx, { regionCode: t.regionCode, unitIds: null }, { title, lines: said ? [said] : [] });
    return;
  }
  const to = await lead();
  if (step === 'complete' && t.needsLeaderSignoff && t.leaderUserId) to.push(t.leaderUserId);
  await notify(ctx, trx, others(to), { kind: `task.${step}`, title, body: said, taskId });
  await pushToWebhooks(ctx, trx, { regionCode: t.regionCode, unitIds: [t.leadUnitId] }, { title, lines: said ? [said] : [] });
}
