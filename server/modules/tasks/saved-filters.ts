// 常用筛选: a user's own saved filters of the console (a name and the console's query string). Only the owner sees,
// makes or deletes them; the saved_filters table belongs to the tasks module and is read and written only here.
import type { Ctx, Trx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { newId } from '../../platform/clock.js';
import { Conflict, Invalid, NotFound } from '../../platform/errors.js';

export const MAX_SAVED_FILTERS = 50;

const mine = (db: Trx, actor: Actor) => db.selectFrom('savedFilters').select(['id', 'name', 'query', 'createdAt']).where('userId', '=', actor.userId);

export async function listSavedFilters(ctx: Ctx, actor: Actor) {
  authorize(actor, 'tasks.read');
  return mine(ctx.db, actor).orderBy('createdAt').orderBy('id').execute();
}

export async function createSavedFilter(ctx: Ctx, actor: Actor, input: { name: string; query: string }) {
  authorize(actor, 'tasks.read');
  const name = input.name.trim();
  const query = input.query.trim().replace(/^\?/, '');
  if (!name) throw new Invalid({ field: 'name', code: 'invalid.required' });
  if (/[\s#]/.test(query)) throw new Invalid({ field: 'query', code: 'invalid.pattern' });
  return inTransaction(ctx, async (trx) => {
    const existing = await mine(trx, actor).execute();
    if (existing.some((f) => f.name === name)) throw new Conflict('conflict.duplicate', { field: name });
    if (existing.length >= MAX_SAVED_FILTERS) throw new Conflict('savedFilter.tooMany', { limit: MAX_SAVED_FILTERS });
    const row = { id: newId(), userId: actor.userId, name, query, createdAt: ctx.clock.now().toISOString() };
    await trx.insertInto('savedFilters').values(row).execute();
    await audit(ctx, trx, actor, { action: 'saved_filter.create', entityType: 'saved_filter', entityId: row.id, after: { name, query } });
    return { id: row.id, name, query, createdAt: row.createdAt };
  });
}

export async function deleteSavedFilter(ctx: Ctx, actor: Actor, id: string) {
  authorize(actor, 'tasks.read');
  await inTransaction(ctx, async (trx) => {
    const before = await mine(trx, actor).where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound('savedFilter');
    await trx.deleteFrom('savedFilters').where('id', '=', id).where('userId', '=', actor.userId).execute();
    await audit(ctx, trx, actor, { action: 'saved_filter.delete', entityType: 'saved_filter', entityId: id, before });
  });
}
