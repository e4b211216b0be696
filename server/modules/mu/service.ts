// 亩均 evaluation schemes and the yearly bonus/deduction inputs. One scheme per county and year, kept as versions:
// a version no run has used (status draft) is edited in place; editing a version a run used (active) makes the next
// version (draft); the first run of a draft makes it the active version and retires the one before. Runs keep the
// scheme as it was (runs.ts), so an old run never changes with later edits.
import type { Ctx, Trx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/errors.js';
import { iso, newId } from '../../platform/clock.js';
import { requireMuOffice } from '../enterprises/office.js';
import { identities } from '../enterprises/repository.js';
import { huangyan2022Scheme, validateScheme, type SchemeDefinition } from './rules.js';
import { muReach } from './scope.js';
import type { AdjustmentPutInput, SchemeCreateInput, SchemeUpdateInput, SchemeView } from './schemas.js';

type SchemeRow = { id: string; regionCode: string; year: number; name: string; version: number; status: string; definitionJson: string; createdBy: string | null; createdAt: string; updatedAt: string };

/** Flat API objects → the engine's definition (benchmark/missing/classes by mode), filling absent optionals with null. */
export function toDefinition(input: unknown): SchemeDefinition {
  const d = input as any;
  return {
    groups: d.groups.map((g: any) => ({
      key: g.key, name: g.name, method: g.method,
      scope: { aboveScale: g.scope.aboveScale ?? null, minLandMu: g.scope.minLandMu ?? null, minYearsProducing: g.scope.minYearsProducing ?? null, industryPrefixes: g.scope.industryPrefixes ?? [] },
      indicators: g.indicators.map((i: any) => ({
        key: i.key, name: i.name ?? null, numerator: i.numerator ?? null, denominator: i.denominator ?? null, unit: i.unit ?? null, weight: i.weight,
        benchmark: i.benchmark.mode === 'fixed' ? { mode: 'fixed', value: i.benchmark.value ?? NaN }
          : i.benchmark.mode === 'lastYear' ? { mode: 'lastYear', multiple: i.benchmark.multiple ?? NaN } : { mode: i.benchmark.mode },
        cap: i.cap ?? null,
        missing: i.missing.mode === 'deduct' ? { mode: 'deduct', points: i.missing.points ?? NaN } : { mode: i.missing.mode },
        nonPositive: i.nonPositive,
      })),
      classes: { mode: g.classes.mode, A: g.classes.A, B: g.classes.B, C: g.classes.C },
    })),
    exclusions: d.exclusions.map((x: any) => ({ key: x.key, reason: x.reason, industryPrefixes: x.industryPrefixes ?? [], producingYearsBelow: x.producingYearsBelow ?? null, creditCodes: x.creditCodes ?? [] })),
    adjustments: d.adjustments.map((a: any) => ({ key: a.key, name: a.name, source: a.source, points: a.points, firstPoints: a.firstPoints ?? null, freeUnits: a.freeUnits ?? 0, forceClass: a.forceClass ?? null, groups: a.groups ?? [] })),
    rounding: d.rounding, ties: d.ties, classLabels: d.classLabels,
  };
}

/** NaN placeholders (a fixed benchmark without its value) become null in JSON and are refused by validateScheme first. */
function checked(def: SchemeDefinition): SchemeDefinition {
  const errors = validateScheme(def);
  if (errors.length) throw new Invalid(errors.map((e) => ({ ...e, field: `definition/${e.field}` })));
  return def;
}

async function readable(ctx: Ctx, db: Trx, actor: Actor): Promise<string[]> {
  return (await reading(ctx, db, actor)).regions;
}
async function reading(ctx: Ctx, db: Trx, actor: Actor) {
  authorize(actor, 'enterprises.read');
  const r = await muReach(ctx, db, actor);
  if (r.kind === 'none') throw new Forbidden();
  return r;
}

async function versionsOf(db: Trx, regionCode: string, year: number) {
  return db.selectFrom('muSchemes').select(['id', 'version', 'status', 'updatedAt'])
    .where('regionCode', '=', regionCode).where('year', '=', year).orderBy('version', 'desc').execute();
}

async function view(db: Trx, row: SchemeRow): Promise<SchemeView> {
  const runs = await db.selectFrom('muRuns').select((eb) => eb.fn.countAll<number | string>().as('n')).where('schemeId', '=', row.id).executeTakeFirst();
  const versions = await versionsOf(db, row.regionCode, row.year);
  return {
    id: row.id, regionCode: row.regionCode, year: Number(row.year), name: row.name, version: Number(row.version), status: row.status as SchemeView['status'],
    definition: JSON.parse(row.definitionJson), createdBy: row.createdBy, createdAt: row.createdAt, updatedAt: row.updatedAt,
    runCount: Number(runs?.n ?? 0), versions: versions.map((v) => ({ id: v.id, version: Number(v.version), status: v.status as SchemeView['status'], updatedAt: v.updatedAt })),
  };
}

export async function listSchemes(ctx: Ctx, actor: Actor, year?: number) {
  const reach = await reading(ctx, ctx.db, actor);
  const regions = reach.regions;
  let q = ctx.db.selectFrom('muSchemes as s').selectAll('s').where('s.regionCode', 'in', regions)
    .where((eb) => eb('s.version', '=', eb.selectFrom('muSchemes as t').select((e2) => e2.fn.max('t.version').as('m'))
      .whereRef('t.regionCode', '=', 's.regionCode').whereRef('t.year', '=', 's.year')));
  if (year) q = q.where('s.year', '=', year);
  const rows = await q.orderBy('s.year', 'desc').execute();
  return {
    items: rows.map((r) => ({
      id: r.id, year: Number(r.year), name: r.name, version: Number(r.version), status: r.status as SchemeView['status'], updatedAt: r.updatedAt,
      groupCount: (JSON.parse(r.definitionJson) as Partial<SchemeDefinition>).groups?.length ?? 0,
    })),
    canManage: reach.office,
  };
}

export async function getScheme(ctx: Ctx, actor: Actor, id: string): Promise<SchemeView> {
  const regions = await readable(ctx, ctx.db, actor);
  const row = await ctx.db.selectFrom('muSchemes').selectAll().where('id', '=', id).where('regionCode', 'in', regions).executeTakeFirst();
  if (!row) throw new NotFound('scheme');
  return view(ctx.db, row);
}

export async function createScheme(ctx: Ctx, actor: Actor, input: SchemeCreateInput): Promise<SchemeView> {
  authorize(actor, 'mu.manage');
  return inTransaction(ctx, async (trx) => {
    await requireMuOffice(ctx, trx, actor);
    const exists = await trx.selectFrom('muSchemes').select('id').where('regionCode', '=', actor.regionCode).where('year', '=', input.year).executeTakeFirst();
    if (exists) throw new Conflict('mu.scheme.exists', { year: input.year }, { id: exists.id });
    let def: SchemeDefinition;
    if (input.definition) def = toDefinition(input.definition);
    else {
      const prev = await trx.selectFrom('muSchemes').select('definitionJson').where('regionCode', '=', actor.regionCode).where('year', '<', input.year)
        .orderBy('year', 'desc').orderBy('version', 'desc').limit(1).executeTakeFirst();
      const copied = prev ? (JSON.parse(prev.definitionJson) as Partial<SchemeDefinition>) : null;
      def = copied && Array.isArray(copied.groups) && copied.groups.length ? (copied as SchemeDefinition) : huangyan2022Scheme();
    }
    checked(def);
    const now = iso(ctx.clock.now());
    const row: SchemeRow = { id: newId(), regionCode: actor.regionCode, year: input.year, name: input.name.trim(), version: 1, status: 'draft', definitionJson: JSON.stringify(def), createdBy: actor.userId, createdAt: now, updatedAt: now };
    await trx.insertInto('muSchemes').values(row).execute();
    await audit(ctx, trx, actor, { action: 'mu.scheme.create', entityType: 'mu_scheme', entityId: row.id, after: { year: row.year, name: row.name, version: 1 } });
    return view(trx, row);
  });
}

export async function updateScheme(ctx: Ctx, actor: Actor, id: string, input: SchemeUpdateInput): Promise<SchemeView> {
  authorize(actor, 'mu.manage');
  return inTransaction(ctx, async (trx) => {
    await requireMuOffice(ctx, trx, actor);
    const row = await trx.selectFrom('muSchemes').selectAll().where('id', '=', id).where('regionCode', '=', actor.regionCode).executeTakeFirst();
    if (!row) throw new NotFound('scheme');
    const latest = (await versionsOf(trx, row.regionCode, row.year))[0]!;
    // Only the newest version is edited, and only by someone who saw it (another editor's new version answers 409).
    if (latest.id !== row.id || Number(row.version) !== input.version) throw new Conflict('conflict.version', {}, { latestId: latest.id, latestVersion: Number(latest.version) });
    const def = checked(toDefinition(input.definition));
    const now = iso(ctx.clock.now());
    const name = input.name?.trim() ?? row.name;
    if (row.status === 'draft') {
      await trx.updateTable('muSchemes').set({ name, definitionJson: JSON.stringify(def), updatedAt: now }).where('id', '=', id).execute();
      await audit(ctx, trx, actor, { action: 'mu.scheme.update', entityType: 'mu_scheme', entityId: id, before: { name: row.name, definition: JSON.parse(row.definitionJson) }, after: { name, definition: def } });
      return view(trx, { ...row, name, definitionJson: JSON.stringify(def), updatedAt: now });
    }
    const next: SchemeRow = { id: newId(), regionCode: row.regionCode, year: Number(row.year), name, version: Number(row.version) + 1, status: 'draft', definitionJson: JSON.stringify(def), createdBy: actor.userId, createdAt: now, updatedAt: now };
    await trx.insertInto('muSchemes').values(next).execute();
    await audit(ctx, trx, actor, { action: 'mu.scheme.newVersion', entityType: 'mu_scheme', entityId: next.id, before: { id: row.id, version: row.version }, after: { version: next.version, name, definition: def } });
    return view(trx, next);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Bonus/deduction inputs per enterprise and year (the scheme's items with source 'input').

/** The definition of the year's latest scheme version (its adjustment items), or null. */
export async function schemeOfYear(db: Trx, regionCode: string, year: number): Promise<SchemeDefinition | null> {
  const s = await db.selectFrom('muSchemes').select('definitionJson').where('regionCode', '=', regionCode).where('year', '=', year)
    .orderBy('version', 'desc').limit(1).executeTakeFirst();
  return s ? JSON.parse(s.definitionJson) : null;
}

/** A year's entered inputs with the enterprise's code and name (from the enterprises module), by code then item. */
export async function adjustmentRows(db: Trx, regionCode: string, year: number) {
  const rows = await db.selectFrom('muAdjustments').select(['enterpriseId', 'itemKey', 'quantity', 'note', 'updatedAt'])
    .where('regionCode', '=', regionCode).where('year', '=', year).execute();
  const who = new Map((await identities(db, regionCode, [...new Set(rows.map((r) => r.enterpriseId))])).map((e) => [e.id, e]));
  return rows.filter((r) => who.has(r.enterpriseId))
    .map((r) => ({ enterpriseId: r.enterpriseId, creditCode: who.get(r.enterpriseId)!.creditCode, name: who.get(r.enterpriseId)!.name, itemKey: r.itemKey, quantity: Number(r.quantity), note: r.note, updatedAt: r.updatedAt }))
    .sort((a, b) => (a.creditCode < b.creditCode ? -1 : a.creditCode > b.creditCode ? 1 : a.itemKey < b.itemKey ? -1 : a.itemKey > b.itemKey ? 1 : 0));
}

export async function listAdjustments(ctx: Ctx, actor: Actor, year: number) {
  authorize(actor, 'mu.manage');
  await requireMuOffice(ctx, ctx.db, actor);
  const def = await schemeOfYear(ctx.db, actor.regionCode, year);
  const items = (def?.adjustments ?? []).filter((a) => a.source === 'input');
  const names = new Map(items.map((a) => [a.key, a.name]));
  const rows = await adjustmentRows(ctx.db, actor.regionCode, year);
  return {
    items: rows.map((r) => ({ ...r, year, itemName: names.get(r.itemKey) ?? r.itemKey })),
    inputItems: items.map((a) => ({ key: a.key, name: a.name, points: a.points, forceClass: a.forceClass })),
  };
}

export async function putAdjustment(ctx: Ctx, actor: Actor, input: AdjustmentPutInput) {
  authorize(actor, 'mu.manage');
  return inTransaction(ctx, async (trx) => {
    await requireMuOffice(ctx, trx, actor);
    const def = await schemeOfYear(trx, actor.regionCode, input.year);
    const item = def?.adjustments.find((a) => a.key === input.itemKey);
    if (!item) throw new Invalid({ field: 'itemKey', code: 'mu.adjustment.unknownItem', params: { key: input.itemKey } });
    if (item.source === 'tenants') throw new Invalid({ field: 'itemKey', code: 'mu.adjustment.tenantsAutomatic' });
    const [ent] = await identities(trx, actor.regionCode, [input.enterpriseId]);
    if (!ent) throw new NotFound('enterprise');
    const key = { regionCode: actor.regionCode, year: input.year, enterpriseId: ent.id, itemKey: item.key };
    const before = await trx.selectFrom('muAdjustments').select(['quantity', 'note']).where('regionCode', '=', key.regionCode).where('year', '=', key.year)
      .where('enterpriseId', '=', key.enterpriseId).where('itemKey', '=', key.itemKey).executeTakeFirst();
    const del = trx.deleteFrom('muAdjustments').where('regionCode', '=', key.regionCode).where('year', '=', key.year).where('enterpriseId', '=', key.enterpriseId).where('itemKey', '=', key.itemKey);
    await del.execute();
    const note = input.note?.trim() || null;
    if (input.quantity > 0) {
      await trx.insertInto('muAdjustments').values({ ...key, quantity: input.quantity, note, updatedBy: actor.userId, updatedAt: iso(ctx.clock.now()) }).execute();
    }
    await audit(ctx, trx, actor, { action: 'mu.adjustment.put', entityType: 'enterprise', entityId: ent.id, before: before ?? null, after: { year: input.year, itemKey: item.key, quantity: input.quantity, note } });
    return { ok: true };
  });
}
