// Changing the settings: rules a value must meet beyond its schema (assessment weights add up to 100; a unit list names
// units of the actor's region), then one transaction that writes the changed keys and one audit entry with before/after.
import type { Ctx, Trx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { Invalid, type FieldError } from '../../platform/errors.js';
import { getSettings, putSetting, type Settings } from '../../platform/settings.js';
import { weightErrors } from '../tasks/assessment-rules.js';
import { unitBelongsTo } from '../units/service.js';

/** Settings that hold unit ids: every id must be a unit of the region. */
export const UNIT_LIST_SETTINGS = ['mu.officeUnitIds', 'projects.libraryUnitIds'] as const;

async function unitListErrors(trx: Trx, actor: Actor, patch: Partial<Settings>): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const key of UNIT_LIST_SETTINGS) {
    const ids = patch[key];
    if (!ids) continue;
    for (const [i, id] of ids.entries()) {
      if (!(await unitBelongsTo(trx, actor.regionCode, id))) errors.push({ field: `${key}/${i}`, code: 'settings.unknownUnit', params: { id } });
    }
  }
  return errors;
}

export async function updateSettings(ctx: Ctx, actor: Actor, patch: Partial<Settings>): Promise<Settings> {
  if (patch['assessment.weights']) { const e = weightErrors(patch['assessment.weights']); if (e.length) throw new Invalid(e); }
  return inTransaction(ctx, async (trx) => {
    const errors = await unitListErrors(trx, actor, patch);
    if (errors.length) throw new Invalid(errors);
    const before = await getSettings(ctx, trx);
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) await putSetting(ctx, trx, k, v);
    const after = await getSettings(ctx, trx);
    await audit(ctx, trx, actor, { action: 'settings.update', entityType: 'settings', before, after });
    return after;
  });
}
