// Leaders (领导) and their portfolios (分管): the domains and units each county leader is in charge of.
import type { Ctx } from '../../context.js';
import { audit, inTransaction, type Trx } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { newId } from '../../platform/clock.js';
import { Conflict, Invalid, NotFound } from '../../platform/errors.js';
import { unitBelongsTo } from '../units/service.js';
import * as repo from './repository.js';
import type { LeaderCreateInput, LeaderPatchInput, LeaderView } from './schemas.js';

export function listLeaders(ctx: Ctx, actor: Actor) {
  authorize(actor, 'org.read');
  return repo.listLeaders(ctx.db, actor);
}

export async function getLeader(ctx: Ctx, actor: Actor, id: string, trx: Trx = ctx.db): Promise<LeaderView> {
  authorize(actor, 'org.read');
  const [l] = await repo.listLeaders(trx, actor, id);
  if (!l) throw new NotFound('leader');
  return l;
}

async function checkUnits(trx: Trx, actor: Actor, unitIds: string[] | undefined) {
  for (const [i, id] of (unitIds ?? []).entries()) {
    if (!(await unitBelongsTo(trx, actor.regionCode, id))) throw new Invalid({ field: `unitIds/${i}`, code: 'invalid.value' });
  }
}

export async function createLeader(ctx: Ctx, actor: Actor, input: LeaderCreateInput): Promise<LeaderView> {
  authorize(actor, 'leaders.write');
  return inTransaction(ctx, async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'regionCode']).where('id', '=', input.userId).executeTakeFirst();
    if (!user || user.regionCode !== actor.regionCode) throw new Invalid({ field: 'userId', code: 'invalid.value' });
    if (await repo.leaderOfUser(trx, input.userId)) throw new Conflict('conflict.duplicate', { field: '领导 leader' });
    await checkUnits(trx, actor, input.unitIds);
    const id = newId();
    const now = ctx.clock.now().toISOString();
    await repo.insertLeader(trx, { id, regionCode: actor.regionCode, userId: input.userId, title: input.title.trim(), sortOrder: input.sortOrder ?? 0, createdAt: now, updatedAt: now });
    await repo.setPortfolio(trx, id, input.domains.map((d) => d.trim()), input.unitIds);
    const after = await getLeader(ctx, actor, id, trx);
    await audit(ctx, trx, actor, { action: 'leader.create', entityType: 'leader', entityId: id, after });
    return after;
  });
}

export async function updateLeader(ctx: Ctx, actor: Actor, id: string, input: LeaderPatchInput): Promise<LeaderView> {
  authorize(actor, 'leaders.write');
  return inTransaction(ctx, async (trx) => {
    const before = await getLeader(ctx, actor, id, trx);
    if (before.regionCode !== actor.regionCode) throw new NotFound('leader');
    await checkUnits(trx, actor, input.unitIds);
    const set: Record<string, unknown> = { updatedAt: ctx.clock.now().toISOString() };
    if (input.title !== undefined) set.title = input.title.trim();
    if (input.sortOrder !== undefined) set.sortOrder = input.sortOrder;
    if (!(await repo.updateLeader(trx, id, input.version, set))) throw new Conflict('conflict.version', {}, { currentVersion: before.version });
    await repo.setPortfolio(trx, id, input.domains?.map((d) => d.trim()), input.unitIds);
    const after = await getLeader(ctx, actor, id, trx);
    await audit(ctx, trx, actor, { action: 'leader.update', entityType: 'leader', entityId: id, before, after });
    return after;
  });
}

export async function deleteLeader(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'leaders.write');
  await inTransaction(ctx, async (trx) => {
    const before = await getLeader(ctx, actor, id, trx);
    if (before.regionCode !== actor.regionCode) throw new NotFound('leader');
    await repo.deleteLeader(trx, id);
    await audit(ctx, trx, actor, { action: 'leader.delete', entityType: 'leader', entityId: id, before });
  });
}
