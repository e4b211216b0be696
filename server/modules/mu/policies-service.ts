// 差别化政策 (differentiated policies by 亩均 class): definitions kept by the 亩均 office, and the list each policy
// produces from a year's published run for the body that acts on it (税务局, 供电公司 …), on screen and in Excel.
import type { Ctx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize, can } from '../../platform/access/policies.js';
import { newId } from '../../platform/clock.js';
import { isUniqueViolation } from '../../db/db-errors.js';
import { Conflict, Invalid, NotFound } from '../../platform/errors.js';
import { writeTable } from '../../platform/excel/excel.js';
import { isMuOffice, requireMuOffice } from '../enterprises/office.js';
import { publishedRun, publishedRuns } from './runs-read.js';
import { muReadScope, readRegion } from './policies-access.js';
import { MAX_STREAK_YEARS, MU_CLASSES, policyApplies, policyList, validatePolicy, type MuClass, type PolicyDefinition, type PolicyKind } from './policies-rules.js';
import * as repo from './policies-repository.js';
import type { MuPolicyCreateInput, MuPolicyListFilter, MuPolicyPatchInput, MuPolicyView, PolicyListFilter, PolicyListRowView } from './policies-schemas.js';

export async function listPolicies(ctx: Ctx, actor: Actor, f: MuPolicyListFilter): Promise<{ items: MuPolicyView[]; canEdit: boolean }> {
  authorize(actor, 'enterprises.read');
  const region = readRegion(actor, f.regionCode);
  const items = await repo.listPolicies(ctx.db, region, f.year);
  // The 亩均 office edits its own county's policies; the page shows the editing buttons only to it.
  const canEdit = region === actor.regionCode && can(actor, 'mu.manage') && (await isMuOffice(ctx, ctx.db, actor));
  return { items, canEdit };
}

export async function getPolicy(ctx: Ctx, actor: Actor, id: string): Promise<MuPolicyView> {
  authorize(actor, 'enterprises.read');
  const p = await repo.findPolicy(ctx.db, actor.readRegions, id);
  if (!p) throw new NotFound('policy');
  return p;
}

const clean = (s: string | null | undefined) => (s === undefined ? undefined : s?.trim() || null);

function definitionOf(p: { name: string; body: string; kind: PolicyKind; unit?: string | null; fromYear: number; toYear?: number | null; terms: PolicyDefinition['terms'] }): PolicyDefinition {
  return {
    name: p.name.trim(), body: p.body.trim(), kind: p.kind, unit: clean(p.unit) ?? null, fromYear: p.fromYear, toYear: p.toYear ?? null,
    terms: p.terms.map((t) => ({ class: t.class, minYears: t.minYears, value: t.value, text: t.text?.trim() || null })),
  };
}

function check(def: PolicyDefinition): void {
  const errs = validatePolicy(def);
  if (errs.length) throw new Invalid(errs);
}

export async function createPolicy(ctx: Ctx, actor: Actor, input: MuPolicyCreateInput): Promise<MuPolicyView> {
  authorize(actor, 'mu.manage');
  await requireMuOffice(ctx, ctx.db, actor);
  const def = definitionOf(input);
  check(def);
  return inTransaction(ctx, async (trx) => {
    if (await repo.findPolicyByName(trx, actor.regionCode, def.name, def.fromYear)) throw new Conflict('conflict.duplicate', { field: `政策名称 name（${def.fromYear}）` });
    const id = newId();
    const now = ctx.clock.now().toISOString();
    try {
      await repo.insertPolicy(trx, {
        id, regionCode: actor.regionCode, name: def.name, body: def.body, kind: def.kind, unit: def.unit, basis: clean(input.basis) ?? null, note: clean(input.note) ?? null,
        fromYear: def.fromYear, toYear: def.toYear, termsJson: JSON.stringify(def.terms), sortOrder: input.sortOrder ?? 0, createdBy: actor.userId, createdAt: now, updatedAt: now,
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new Conflict('conflict.duplicate', { field: `政策名称 name（${def.fromYear}）` });
      throw e;
    }
    const created = (await repo.findPolicy(trx, [actor.regionCode], id))!;
    await audit(ctx, trx, actor, { action: 'mu_policy.create', entityType: 'mu_policy', entityId: id, after: created });
    return created;
  });
}

export async function updatePolicy(ctx: Ctx, actor: Actor, id: string, input: MuPolicyPatchInput): Promise<MuPolicyView> {
  authorize(actor, 'mu.manage');
  return inTransaction(ctx, async (trx) => {
    await requireMuOffice(ctx, trx, actor);
    const before = await repo.findPolicy(trx, [actor.regionCode], id);
    if (!before) throw new NotFound('policy');
    const def = definitionOf({
      name: input.name ?? before.name, body: input.body ?? before.body, kind: input.kind ?? before.kind,
      unit: input.unit !== undefined ? input.unit : before.unit, fromYear: input.fromYear ?? before.fromYear,
      toYear: input.toYear !== undefined ? input.toYear : before.toYear, terms: input.terms ?? before.terms,
    });
    check(def);
    if (def.name !== before.name || def.fromYear !== before.fromYear) {
      const dup = await repo.findPolicyByName(trx, actor.regionCode, def.name, def.fromYear);
      if (dup && dup.id !== id) throw new Conflict('conflict.duplicate', { field: `政策名称 name（${def.fromYear}）` });
    }
    const set: Record<string, unknown> = {
      name: def.name, body: def.body, kind: def.kind, unit: def.unit, fromYear: def.fromYear, toYear: def.toYear, termsJson: JSON.stringify(def.terms),
      updatedAt: ctx.clock.now().toISOString(),
    };
    if (input.basis !== undefined) set.basis = clean(input.basis);
    if (input.note !== undefined) set.note = clean(input.note);
    if (input.sortOrder !== undefined) set.sortOrder = input.sortOrder;
    try {
      if (!(await repo.updatePolicy(trx, id, input.version, set))) throw new Conflict('conflict.version', {}, { currentVersion: before.version });
    } catch (e) {
      if (isUniqueViolation(e)) throw new Conflict('conflict.duplicate', { field: `政策名称 name（${def.fromYear}）` });
      throw e;
    }
    const after = (await repo.findPolicy(trx, [actor.regionCode], id))!;
    await audit(ctx, trx, actor, { action: 'mu_policy.update', entityType: 'mu_policy', entityId: id, before, after });
    return after;
  });
}

export async function deletePolicy(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'mu.manage');
  await inTransaction(ctx, async (trx) => {
    await requireMuOffice(ctx, trx, actor);
    const before = await repo.findPolicy(trx, [actor.regionCode], id);
    if (!before) throw new NotFound('policy');
    await repo.deletePolicy(trx, id);
    await audit(ctx, trx, actor, { action: 'mu_policy.delete', entityType: 'mu_policy', entityId: id, before });
  });
}

// ---- the list a policy produces ----

const CLASS_ORDER: Record<MuClass, number> = { A: 0, B: 1, C: 2, D: 3 };

export interface ComputedPolicyList {
  policy: MuPolicyView; year: number | null; run: { id: string; year: number; publishedAt: string | null } | null; inForce: boolean;
  rows: PolicyListRowView[]; byClass: Record<string, number>;
}

/**
 * The policy's list for a year: the enterprises of that year's published run (within the reader's scope) whose class
 * has a term, each with its consecutive years in the class — counted over the published runs of earlier years, a year
 * without one breaking the streak — and the resulting term. Sorted by class, then longest streak, then rank.
 */
export async function computePolicyList(ctx: Ctx, actor: Actor, id: string, f: Omit<PolicyListFilter, 'page' | 'pageSize'>): Promise<ComputedPolicyList> {
  const policy = await getPolicy(ctx, actor, id);
  const scope = await muReadScope(ctx, ctx.db, actor);
  const runs = await publishedRuns(ctx, ctx.db, policy.regionCode);
  const year = f.year ?? runs[0]?.year ?? null;
  const byClass: Record<string, number> = Object.fromEntries(MU_CLASSES.map((c) => [c, 0]));
  const inForce = year !== null && policyApplies(policy, year);
  const found = year === null ? null : await publishedRun(ctx, ctx.db, policy.regionCode, year);
  const run = found ? await repo.runInfo(ctx.db, found.id) : null;
  if (!run || !inForce) return { policy, year, run: run && { id: run.id, year: Number(run.year), publishedAt: run.publishedAt }, inForce, rows: [], byClass };
  const current = await repo.classedResults(ctx.db, run.id, scope, f);
  const earlier = runs.filter((r) => r.year < year! && r.year >= year! - MAX_STREAK_YEARS);
  const histories = await repo.classHistory(ctx.db, earlier, current.map((r) => r.enterpriseId));
  const listed = policyList(policy, year, current, histories);
  listed.sort((a, b) => CLASS_ORDER[a.class] - CLASS_ORDER[b.class] || b.years - a.years || (a.enterprise.rank ?? 1e9) - (b.enterprise.rank ?? 1e9) || a.enterprise.name.localeCompare(b.enterprise.name, 'zh-CN'));
  const rows = listed.map((x) => {
    const e = x.enterprise;
    byClass[x.class]++;
    return {
      enterpriseId: e.enterpriseId, creditCode: e.creditCode, name: e.name, townshipCode: e.townshipCode, townshipName: e.townshipName, park: e.park,
      industryCode: e.industryCode, groupName: e.groupName, total: e.total, rank: e.rank, class: x.class, years: x.years,
      value: x.term.value, unit: policy.unit, termText: x.termText,
    };
  });
  return { policy, year, run: { id: run.id, year: Number(run.year), publishedAt: run.publishedAt }, inForce, rows, byClass };
}

export async function policyListPage(ctx: Ctx, actor: Actor, id: string, f: PolicyListFilter) {
  const page = f.page ?? 1; const pageSize = f.pageSize ?? 50;
  const l = await computePolicyList(ctx, actor, id, f);
  const p = l.policy;
  return {
    policy: { id: p.id, name: p.name, body: p.body, kind: p.kind, fromYear: p.fromYear, toYear: p.toYear },
    year: l.year, run: l.run, inForce: l.inForce, byClass: l.byClass,
    items: l.rows.slice((page - 1) * pageSize, page * pageSize), total: l.rows.length, page, pageSize,
  };
}

export async function exportPolicyList(ctx: Ctx, actor: Actor, id: string, f: Omit<PolicyListFilter, 'page' | 'pageSize'>): Promise<{ buffer: Buffer; filename: string }> {
  const l = await computePolicyList(ctx, actor, id, f);
  if (!l.run || l.year === null) throw new Invalid({ field: 'year', code: 'mu.noPublishedRun', params: { year: l.year ?? f.year ?? '' } }, 'mu.noPublishedRun', { year: l.year ?? f.year ?? '' });
  if (!l.inForce) {
    const params = { year: l.year, from: l.policy.fromYear, to: l.policy.toYear ?? '' };
    throw new Invalid({ field: 'year', code: 'mu.policy.notInForce', params }, 'mu.policy.notInForce', params);
  }
  const p = l.policy;
  const title = `${p.name}执行名单（${l.year}年度亩均评价）— 执行单位：${p.body}`;
  let i = 0;
  const buffer = await writeTable(p.name.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '), title, [
    { header: '序号', width: 6, value: () => ++i },
    { header: '企业名称', width: 36, value: (r: PolicyListRowView) => r.name },
    { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
    { header: '乡镇（街道）', width: 14, value: (r) => r.townshipName },
    { header: '园区', width: 16, value: (r) => r.park },
    { header: '评价分组', width: 12, value: (r) => r.groupName },
    { header: '评价等级', width: 10, value: (r) => r.class },
    { header: '连续该等级年数', width: 12, value: (r) => r.years },
    { header: '政策条款', width: 30, value: (r) => r.termText },
    { header: '数值', width: 10, value: (r) => r.value },
    { header: '单位', width: 12, value: (r) => (r.value === null ? null : p.kind === 'reduction' ? '%' : r.unit) },
    { header: '综合得分', width: 10, value: (r) => (r.total === null ? null : Math.round(r.total * 100) / 100) },
  ], l.rows);
  return { buffer, filename: `${p.name}-${l.year}年度执行名单.xlsx` };
}
