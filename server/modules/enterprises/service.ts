// 企业库: the enterprise registry of the 亩均 evaluation. The 亩均 office (setting mu.officeUnitIds) keeps it;
// leaders, the supervision office and viewers read the whole county, a township government its own township.
import type { Ctx, Trx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { newId, shanghaiDate } from '../../platform/clock.js';
import { isUniqueViolation } from '../../db/db-errors.js';
import { Conflict, Forbidden, Invalid, NotFound, type FieldError } from '../../platform/errors.js';
import { creditCodeMessage, creditCodeProblem, industryCodeProblem, normalizeCreditCode, overridable } from './credit-code.js';
import { isMuOffice, isMuOfficeAdmin } from './office.js';
import * as repo from './repository.js';
import type { EnterpriseCreateInput, EnterpriseListFilter, EnterprisePatchInput, EnterpriseView, ParcelCreateInput, TenancyCreateInput } from './schemas.js';

export async function readerReach(ctx: Ctx, actor: Actor, db: Trx = ctx.db): Promise<repo.Reach> {
  authorize(actor, 'enterprises.read');
  return repo.reach(ctx, db, actor);
}

/** The 亩均 office only: mu.manage and a unit listed in mu.officeUnitIds. */
export async function requireOffice(ctx: Ctx, actor: Actor, db: Trx = ctx.db): Promise<void> {
  authorize(actor, 'mu.manage');
  if (!(await isMuOffice(ctx, db, actor))) throw new Forbidden('enterprise.notOffice');
}

export async function listEnterprises(ctx: Ctx, actor: Actor, f: EnterpriseListFilter) {
  const r = await readerReach(ctx, actor);
  return repo.listEnterprises(ctx.db, r, f, shanghaiDate(ctx.clock.now()));
}

export async function enterpriseOptions(ctx: Ctx, actor: Actor) {
  const r = await readerReach(ctx, actor);
  const [townships, parks, years, canManage, canOverrideCode] = await Promise.all([
    repo.townshipsOf(ctx.db, actor.regionCode), repo.parksOf(ctx.db, r), repo.yearsWithData(ctx.db, r),
    isMuOffice(ctx, ctx.db, actor), isMuOfficeAdmin(ctx, ctx.db, actor),
  ]);
  // A township government sees only its own township in the filter.
  const own = r.kind === 'townships'
    ? new Set((await ctx.db.selectFrom('enterprises as e').select('e.townshipCode').distinct().where((eb) => repo.inReach(eb as any, r)).execute()).map((x) => x.townshipCode))
    : null;
  return { townships: own ? townships.filter((t) => own.has(t.code)) : townships, parks, years, canManage, canOverrideCode };
}

export async function getEnterprise(ctx: Ctx, actor: Actor, id: string) {
  const r = await readerReach(ctx, actor);
  const enterprise = await repo.findEnterprise(ctx.db, r, id);
  if (!enterprise) throw new NotFound('enterprise');
  const [parcels, rents, tenants, figures, canManage, canOverrideCode] = await Promise.all([
    repo.parcelsOf(ctx.db, id), repo.tenanciesOf(ctx.db, 'tenantId', id), repo.tenanciesOf(ctx.db, 'landlordId', id), repo.figuresOf(ctx.db, id),
    isMuOffice(ctx, ctx.db, actor), isMuOfficeAdmin(ctx, ctx.db, actor),
  ]);
  return { enterprise, parcels, rents, tenants, figures: figures as any[], canManage, canOverrideCode };
}

// ---- checks shared by the form and the registry import ----

/**
 * The code as stored and the exception reason kept with it. A code failing a check character is accepted only from an
 * administrator of the 亩均 office who gives a reason; a code of the wrong shape never.
 */
export function codeErrors(code: string, reason: string | null | undefined, mayOverride: boolean, field = 'creditCode'): { errors: FieldError[]; reason: string | null } {
  const p = creditCodeProblem(code);
  if (!p) return { errors: [], reason: null };
  if (overridable(p) && reason?.trim()) {
    if (mayOverride) return { errors: [], reason: reason.trim() };
    return { errors: [{ field, code: 'enterprise.code.overrideNotAllowed' }], reason: null };
  }
  const m = creditCodeMessage(p);
  return { errors: [{ field, code: m.code, params: m.params }], reason: null };
}

async function checkFacts(trx: Trx, actor: Actor, v: { industryCode?: string | null; townshipCode?: string | null; producingSince?: string | null; closedOn?: string | null }) {
  const errors: FieldError[] = [];
  if (v.industryCode && industryCodeProblem(v.industryCode)) errors.push({ field: 'industryCode', code: 'enterprise.industryCode' });
  if (v.townshipCode) {
    const t = await trx.selectFrom('regions').select('code').where('code', '=', v.townshipCode).where('parentCode', '=', actor.regionCode).where('level', '=', 'township').executeTakeFirst();
    if (!t) errors.push({ field: 'townshipCode', code: 'enterprise.unknownTownship', params: { value: v.townshipCode } });
  }
  if (v.producingSince && v.closedOn && v.closedOn < v.producingSince) errors.push({ field: 'closedOn', code: 'enterprise.closedBeforeProducing' });
  return errors;
}

const clean = (s: string | null | undefined) => (s == null ? null : s.trim() || null);

export async function createEnterprise(ctx: Ctx, actor: Actor, input: EnterpriseCreateInput): Promise<EnterpriseView> {
  await requireOffice(ctx, actor);
  return inTransaction(ctx, async (trx) => {
    const creditCode = normalizeCreditCode(input.creditCode);
    const code = codeErrors(creditCode, input.codeOverrideReason, await isMuOfficeAdmin(ctx, trx, actor));
    const errors = [...code.errors, ...(await checkFacts(trx, actor, input))];
    if (errors.length) throw new Invalid(errors);
    if (await repo.findByCreditCode(trx, actor.regionCode, creditCode)) throw new Conflict('conflict.duplicate', { field: `统一社会信用代码 ${creditCode}` });
    const now = ctx.clock.now().toISOString();
    const id = newId();
    const name = input.name.trim();
    const park = clean(input.park);
    try {
      await trx.insertInto('enterprises').values({
        id, regionCode: actor.regionCode, creditCode, name, industryCode: clean(input.industryCode), townshipCode: input.townshipCode ?? null, park,
        aboveScale: input.aboveScale ? 1 : 0, landAreaMu: input.landAreaMu ?? null, producingSince: input.producingSince ?? null,
        closedOn: input.closedOn ?? null, codeOverrideReason: code.reason, searchText: repo.searchText(name, creditCode, park), createdAt: now, updatedAt: now,
      }).execute();
    } catch (e) {
      if (isUniqueViolation(e)) throw new Conflict('conflict.duplicate', { field: `统一社会信用代码 ${creditCode}` });
      throw e;
    }
    const created = (await repo.findEnterprise(trx, { kind: 'region', regions: [actor.regionCode] }, id))!;
    await audit(ctx, trx, actor, { action: 'enterprise.create', entityType: 'enterprise', entityId: id, after: created });
    if (code.reason) await audit(ctx, trx, actor, { action: 'enterprise.codeOverride', entityType: 'enterprise', entityId: id, after: { creditCode, reason: code.reason, problem: creditCodeProblem(creditCode) } });
    return created;
  });
}

async function findOwn(ctx: Ctx, trx: Trx, actor: Actor, id: string): Promise<EnterpriseView> {
  const e = await repo.findEnterprise(trx, await repo.reach(ctx, trx, actor), id);
  if (!e || e.regionCode !== actor.regionCode) throw new NotFound('enterprise');
  return e;
}

export async function updateEnterprise(ctx: Ctx, actor: Actor, id: string, input: EnterprisePatchInput): Promise<EnterpriseView> {
  await requireOffice(ctx, actor);
  return inTransaction(ctx, async (trx) => {
    const before = await findOwn(ctx, trx, actor, id);
    const creditCode = input.creditCode !== undefined ? normalizeCreditCode(input.creditCode) : before.creditCode;
    // The exception reason follows the code: a new reason, or the old one while the code stays.
    const givenReason = input.codeOverrideReason !== undefined ? input.codeOverrideReason : creditCode === before.creditCode ? before.codeOverrideReason : null;
    const mayOverride = await isMuOfficeAdmin(ctx, trx, actor);
    const keepsOld = creditCode === before.creditCode && givenReason === before.codeOverrideReason;
    const code = codeErrors(creditCode, givenReason, mayOverride || keepsOld);
    const merged = {
      industryCode: input.industryCode !== undefined ? clean(input.industryCode) : before.industryCode,
      townshipCode: input.townshipCode !== undefined ? input.townshipCode : before.townshipCode,
      producingSince: input.producingSince !== undefined ? input.producingSince : before.producingSince,
      closedOn: input.closedOn !== undefined ? input.closedOn : before.closedOn,
    };
    const errors = [...code.errors, ...(await checkFacts(trx, actor, merged))];
    if (errors.length) throw new Invalid(errors);
    if (creditCode !== before.creditCode && (await repo.findByCreditCode(trx, actor.regionCode, creditCode))) {
      throw new Conflict('conflict.duplicate', { field: `统一社会信用代码 ${creditCode}` });
    }
    const name = input.name !== undefined ? input.name.trim() : before.name;
    const park = input.park !== undefined ? clean(input.park) : before.park;
    const set = {
      creditCode, name, ...merged, park, codeOverrideReason: code.reason,
      aboveScale: input.aboveScale !== undefined ? (input.aboveScale ? 1 : 0) : before.aboveScale ? 1 : 0,
      landAreaMu: input.landAreaMu !== undefined ? input.landAreaMu : before.landAreaMu,
      searchText: repo.searchText(name, creditCode, park), updatedAt: ctx.clock.now().toISOString(), version: input.version + 1,
    };
    const res = await trx.updateTable('enterprises').set(set).where('id', '=', id).where('version', '=', input.version).executeTakeFirst();
    if (!Number(res.numUpdatedRows)) throw new Conflict('conflict.version', {}, { currentVersion: before.version });
    const after = (await findOwn(ctx, trx, actor, id));
    await audit(ctx, trx, actor, { action: 'enterprise.update', entityType: 'enterprise', entityId: id, before, after });
    if (code.reason && !keepsOld) {
      await audit(ctx, trx, actor, { action: 'enterprise.codeOverride', entityType: 'enterprise', entityId: id, after: { creditCode, reason: code.reason, problem: creditCodeProblem(creditCode) } });
    }
    return after;
  });
}

export async function deleteEnterprise(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  await requireOffice(ctx, actor);
  await inTransaction(ctx, async (trx) => {
    const before = await findOwn(ctx, trx, actor, id);
    const figures = await trx.selectFrom('enterpriseYearData').select((eb) => eb.fn.countAll<number | string>().as('n')).where('enterpriseId', '=', id).executeTakeFirstOrThrow();
    if (Number(figures.n) > 0) throw new Conflict('conflict.inUse', { detail: `${figures.n} 项年度数据 yearly figures — 请改为填写关停日期 set a closing date instead` });
    await trx.deleteFrom('enterpriseTenancies').where((eb) => eb.or([eb('tenantId', '=', id), eb('landlordId', '=', id)])).execute();
    await trx.deleteFrom('enterpriseParcels').where('enterpriseId', '=', id).execute();
    await trx.deleteFrom('enterprises').where('id', '=', id).execute();
    await audit(ctx, trx, actor, { action: 'enterprise.delete', entityType: 'enterprise', entityId: id, before });
  });
}

// ---- parcels and tenancies ----

/** Own land = the sum of the parcels once any is recorded. */
async function syncLand(ctx: Ctx, trx: Trx, id: string) {
  const s = await trx.selectFrom('enterpriseParcels').select([(eb) => eb.fn.sum<number | string>('areaMu').as('a'), (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('enterpriseId', '=', id).executeTakeFirstOrThrow();
  if (Number(s.n) === 0) return;
  await trx.updateTable('enterprises').set((eb) => ({ landAreaMu: Math.round(Number(s.a) * 10000) / 10000, version: eb('version', '+', 1), updatedAt: ctx.clock.now().toISOString() }))
    .where('id', '=', id).execute();
}

export async function addParcel(ctx: Ctx, actor: Actor, id: string, input: ParcelCreateInput) {
  await requireOffice(ctx, actor);
  return inTransaction(ctx, async (trx) => {
    await findOwn(ctx, trx, actor, id);
    const parcel = {
      id: newId(), enterpriseId: id, certificateNo: clean(input.certificateNo), location: clean(input.location), areaMu: input.areaMu,
      landUse: clean(input.landUse), acquiredOn: input.acquiredOn ?? null, createdAt: ctx.clock.now().toISOString(),
    };
    await trx.insertInto('enterpriseParcels').values(parcel).execute();
    await syncLand(ctx, trx, id);
    await audit(ctx, trx, actor, { action: 'enterprise.parcel.add', entityType: 'enterprise', entityId: id, after: parcel });
    return getEnterpriseIn(ctx, trx, actor, id);
  });
}

export async function removeParcel(ctx: Ctx, actor: Actor, id: string, parcelId: string) {
  await requireOffice(ctx, actor);
  return inTransaction(ctx, async (trx) => {
    await findOwn(ctx, trx, actor, id);
    const before = await trx.selectFrom('enterpriseParcels').selectAll().where('id', '=', parcelId).where('enterpriseId', '=', id).executeTakeFirst();
    if (!before) throw new NotFound('parcel');
    await trx.updateTable('enterpriseTenancies').set({ parcelId: null }).where('parcelId', '=', parcelId).execute();
    await trx.deleteFrom('enterpriseParcels').where('id', '=', parcelId).execute();
    await syncLand(ctx, trx, id);
    await audit(ctx, trx, actor, { action: 'enterprise.parcel.remove', entityType: 'enterprise', entityId: id, before });
    return getEnterpriseIn(ctx, trx, actor, id);
  });
}

export async function addTenancy(ctx: Ctx, actor: Actor, id: string, input: TenancyCreateInput) {
  await requireOffice(ctx, actor);
  return inTransaction(ctx, async (trx) => {
    await findOwn(ctx, trx, actor, id);
    if (input.landlordId === id) throw new Invalid({ field: 'landlordId', code: 'enterprise.tenancySelf' });
    const landlord = await trx.selectFrom('enterprises').select('id').where('id', '=', input.landlordId).where('regionCode', '=', actor.regionCode).executeTakeFirst();
    if (!landlord) throw new Invalid({ field: 'landlordId', code: 'invalid.value' });
    if (input.parcelId) {
      const p = await trx.selectFrom('enterpriseParcels').select('id').where('id', '=', input.parcelId).where('enterpriseId', '=', input.landlordId).executeTakeFirst();
      if (!p) throw new Invalid({ field: 'parcelId', code: 'enterprise.parcelNotLandlord' });
    }
    if (input.fromDate && input.toDate && input.toDate < input.fromDate) throw new Invalid({ field: 'toDate', code: 'enterprise.dateOrder' });
    const row = {
      id: newId(), tenantId: id, landlordId: input.landlordId, parcelId: input.parcelId ?? null, areaMu: input.areaMu,
      fromDate: input.fromDate ?? null, toDate: input.toDate ?? null, createdAt: ctx.clock.now().toISOString(),
    };
    await trx.insertInto('enterpriseTenancies').values(row).execute();
    await audit(ctx, trx, actor, { action: 'enterprise.tenancy.add', entityType: 'enterprise', entityId: id, after: row });
    return getEnterpriseIn(ctx, trx, actor, id);
  });
}

export async function removeTenancy(ctx: Ctx, actor: Actor, id: string, tenancyId: string) {
  await requireOffice(ctx, actor);
  return inTransaction(ctx, async (trx) => {
    await findOwn(ctx, trx, actor, id);
    const before = await trx.selectFrom('enterpriseTenancies').selectAll().where('id', '=', tenancyId)
      .where((eb) => eb.or([eb('tenantId', '=', id), eb('landlordId', '=', id)])).executeTakeFirst();
    if (!before) throw new NotFound('tenancy');
    await trx.deleteFrom('enterpriseTenancies').where('id', '=', tenancyId).execute();
    await audit(ctx, trx, actor, { action: 'enterprise.tenancy.remove', entityType: 'enterprise', entityId: id, before });
    return getEnterpriseIn(ctx, trx, actor, id);
  });
}

async function getEnterpriseIn(ctx: Ctx, trx: Trx, actor: Actor, id: string) {
  const enterprise = (await findOwn(ctx, trx, actor, id));
  const [parcels, rents, tenants, figures] = await Promise.all([
    repo.parcelsOf(trx, id), repo.tenanciesOf(trx, 'tenantId', id), repo.tenanciesOf(trx, 'landlordId', id), repo.figuresOf(trx, id),
  ]);
  return { enterprise, parcels, rents, tenants, figures: figures as any[], canManage: true, canOverrideCode: await isMuOfficeAdmin(ctx, trx, actor) };
}
