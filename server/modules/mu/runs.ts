// 亩均 evaluation runs: one scheme version evaluated on one data snapshot. The run stores the scheme (scheme_json:
// { id, version, name, definition, priorMeans }) and the inputs (snapshot_json: { year, enterprises, adjustments })
// beside the results, so a run is recomputed from itself alone — last year's result reads the same after the data
// were corrected (reproduce()). A draft run is re-run in place; published, it is frozen: every write answers 409.
import type { Ctx, Trx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/errors.js';
import { iso, newId } from '../../platform/clock.js';
import { requireMuOffice } from '../enterprises/office.js';
import { enterpriseSnapshot, type SnapshotEnterprise } from '../enterprises/snapshot.js';
import { evaluate, explainItem, indicatorInfo, MU_CLASSES, NOT_IN_SCOPE, RULE_WORDS, validateScheme, type EvalOutput, type EnterpriseResult, type GroupDef, type GroupStats, type ItemResult, type MuClass, type SchemeDefinition } from './rules.js';
import { muReach, type MuReach } from './scope.js';
import { publishedRun } from './runs-read.js';
import { buildReportCard } from './report-card.js';
import type { ResultQueryInput, RunView } from './schemas.js';

export interface StoredScheme { id: string; version: number; name: string; definition: SchemeDefinition; priorMeans: Record<string, Record<string, number>> }
export interface StoredSnapshot { year: number; enterprises: SnapshotEnterprise[]; adjustments: Record<string, Record<string, number>> }
type RunRow = { id: string; regionCode: string; year: number; schemeId: string; schemeVersion: number; schemeJson: string; status: string; createdBy: string | null; createdAt: string; publishedBy: string | null; publishedAt: string | null; groupsJson: string | null };
/** A run's columns but its snapshot (tens of MB at county scale): read only where the snapshot itself is needed (snapshotOf). */
const RUN_COLS = ['id', 'regionCode', 'year', 'schemeId', 'schemeVersion', 'schemeJson', 'status', 'createdBy', 'createdAt', 'publishedBy', 'publishedAt', 'groupsJson'] as const;
async function snapshotOf(db: Trx, runId: string): Promise<StoredSnapshot> {
  const r = await db.selectFrom('muRuns').select('snapshotJson').where('id', '=', runId).executeTakeFirstOrThrow();
  return JSON.parse(r.snapshotJson) as StoredSnapshot;
}

/** Evaluate a run from what it stored, nothing else. */
export function evaluateStored(scheme: StoredScheme, snap: StoredSnapshot): EvalOutput {
  // A run written by other means (test fixtures of the policy lists) may hold no definition: nothing to recompute.
  if (!scheme?.definition?.groups || !Array.isArray(snap?.enterprises)) return { results: [], groups: [] };
  return evaluate(scheme.definition, { year: snap.year, enterprises: snap.enterprises, adjustments: snap.adjustments, priorMeans: scheme.priorMeans });
}

/**
 * An item as detail_json keeps it: the enterprise's own numbers only. Name, unit, weight, benchmark and the group's
 * min/max are the group's (groups_json + the scheme), and the sentence explaining the points is worded when read, so
 * a county-wide run writes ≈0.5 KB per enterprise instead of ≈3 KB. Runs written before 0015 kept whole items; both
 * forms are read (storedItem accepts either).
 */
interface StoredItem { key: string; num: number | null; den: number | null; value: number | null; points: number; capped?: true; missing?: true; rule?: string }
function storedItem(i: ItemResult | (Partial<ItemResult> & StoredItem)): StoredItem {
  const v = i as any;
  const out: StoredItem = { key: v.key, num: v.num !== undefined ? v.num : v.numerator ?? null, den: v.den !== undefined ? v.den : v.denominator ?? null, value: v.value ?? null, points: v.points };
  if (v.capped) out.capped = true;
  if (v.missing) out.missing = true;
  if (v.rule) out.rule = v.rule;
  return out;
}

/** What a result keeps in detail_json (the columns hold the rest). */
function detailOf(r: EnterpriseResult) {
  return { items: r.items.map(storedItem), adjustments: r.adjustments, indicatorPoints: r.indicatorPoints, adjustmentPoints: r.adjustmentPoints, total: r.total, rank: r.rank, groupSize: r.groupSize, class: r.class, classWhy: r.classWhy, land: r.land };
}
/** The same for a stored detail of either form, to compare a recomputation with what was stored. */
function canonicalDetail(d: any): string {
  return JSON.stringify({ ...d, items: (d.items ?? []).map(storedItem) });
}

/** A stored item made whole again for the page, the export and the report card: names, benchmark and the words. */
export function expandItems(stored: unknown[], group: GroupStats | undefined, def: GroupDef | undefined): (Omit<ItemResult, 'why'> & { why: { zh: string; en: string } })[] {
  return (stored as any[]).map((raw) => {
    if (raw && typeof raw.name === 'string' && raw.why) return raw; // written whole, before 0015
    const s = raw as StoredItem;
    const ind = def?.indicators.find((x) => x.key === s.key);
    const st = group?.indicators.find((x) => x.key === s.key);
    const info = ind ? indicatorInfo(ind) : { name: s.key, nameEn: s.key, unit: '' };
    const minmax = def?.method === 'minmax';
    const base = {
      key: s.key, name: info.name, nameEn: info.nameEn, unit: info.unit, weight: ind?.weight ?? 0, numerator: s.num, denominator: s.den, value: s.value,
      benchmark: minmax ? null : st?.benchmark ?? null, min: minmax ? st?.min ?? null : null, max: minmax ? st?.max ?? null : null,
      points: s.points, capped: !!s.capped, missing: !!s.missing, rule: s.rule ?? null,
    };
    return { ...base, why: explainItem(base) };
  });
}

/** The run's group figures: stored with the run since 0015, recomputed from its scheme and snapshot for older runs. */
async function runGroups(db: Trx, row: Pick<RunRow, 'id' | 'groupsJson' | 'schemeJson'>): Promise<GroupStats[]> {
  if (row.groupsJson) return JSON.parse(row.groupsJson) as GroupStats[];
  return evaluateStored(JSON.parse(row.schemeJson), await snapshotOf(db, row.id)).groups;
}

async function reachOrForbid(ctx: Ctx, db: Trx, actor: Actor): Promise<MuReach & { kind: 'region' | 'townships' }> {
  authorize(actor, 'enterprises.read');
  const r = await muReach(ctx, db, actor);
  if (r.kind === 'none') throw new Forbidden();
  return r;
}

async function findRun(db: Trx, r: MuReach & { kind: 'region' | 'townships' }, id: string): Promise<RunRow> {
  let q = db.selectFrom('muRuns').select(RUN_COLS).where('id', '=', id).where('regionCode', 'in', r.regions);
  if (!r.office) q = q.where('status', '=', 'published');
  const row = await q.executeTakeFirst();
  if (!row) throw new NotFound('run');
  return row;
}

async function runViews(db: Trx, rows: RunRow[]): Promise<RunView[]> {
  if (!rows.length) return [];
  // Runs since 0015 carry their class counts in their group figures: only the number of rows is counted (on the
  // primary key). Older runs count their results by class.
  const kept = new Map(rows.filter((r) => r.groupsJson).map((r) => [r.id, JSON.parse(r.groupsJson!) as GroupStats[]]));
  const sizes = kept.size ? await db.selectFrom('muResults').select(['runId', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('runId', 'in', [...kept.keys()]).groupBy('runId').execute() : [];
  const older = rows.filter((r) => !kept.has(r.id)).map((r) => r.id);
  const counts: { runId: string; class: string | null; evaluated: number | string; n: number | string }[] = older.length
    ? await db.selectFrom('muResults').select(['runId', 'class', 'evaluated', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('runId', 'in', older).groupBy(['runId', 'class', 'evaluated']).execute()
    : [];
  for (const [runId, groups] of kept) {
    const all = Number(sizes.find((x) => x.runId === runId)?.n ?? 0);
    let evaluated = 0;
    for (const g of groups) {
      evaluated += g.size;
      for (const k of MU_CLASSES) if (g.classCounts[k]) counts.push({ runId, class: k, evaluated: 1, n: g.classCounts[k] });
    }
    if (all > evaluated) counts.push({ runId, class: null, evaluated: 0, n: all - evaluated });
  }
  const userIds = [...new Set(rows.flatMap((r) => [r.createdBy, r.publishedBy]).filter((x): x is string => !!x))];
  const users = userIds.length ? await db.selectFrom('users').select(['id', 'displayName']).where('id', 'in', userIds).execute() : [];
  const uname = new Map(users.map((u) => [u.id, u.displayName]));
  return rows.map((r) => {
    const cc: Record<MuClass, number> = { A: 0, B: 0, C: 0, D: 0 };
    let total = 0; let evaluated = 0;
    for (const c of counts.filter((x) => x.runId === r.id)) {
      const n = Number(c.n);
      total += n;
      if (Number(c.evaluated)) evaluated += n;
      if (c.class && (MU_CLASSES as readonly string[]).includes(c.class)) cc[c.class as MuClass] += n;
    }
    const s = JSON.parse(r.schemeJson) as Partial<StoredScheme>;
    return {
      id: r.id, regionCode: r.regionCode, year: Number(r.year), schemeId: r.schemeId, schemeVersion: Number(r.schemeVersion), schemeName: s.name ?? '',
      status: r.status as RunView['status'], createdBy: r.createdBy, createdByName: r.createdBy ? uname.get(r.createdBy) ?? null : null, createdAt: r.createdAt,
      publishedBy: r.publishedBy, publishedByName: r.publishedBy ? uname.get(r.publishedBy) ?? null : null, publishedAt: r.publishedAt,
      enterpriseCount: total, evaluatedCount: evaluated, classCounts: cc,
    };
  });
}

export async function listRuns(ctx: Ctx, actor: Actor, year?: number) {
  const r = await reachOrForbid(ctx, ctx.db, actor);
  let q = ctx.db.selectFrom('muRuns').select(RUN_COLS).where('regionCode', 'in', r.regions);
  if (!r.office) q = q.where('status', '=', 'published');
  if (year) q = q.where('year', '=', year);
  const rows = await q.orderBy('year', 'desc').orderBy('createdAt', 'desc').execute();
  return { items: await runViews(ctx.db, rows), canManage: r.office };
}

/** Last year's group means per indicator, from last year's published run recomputed from its own stored inputs. */
async function priorMeansFor(ctx: Ctx, db: Trx, regionCode: string, year: number, def: SchemeDefinition): Promise<Record<string, Record<string, number>>> {
  const needs: { gi: number; ii: number }[] = [];
  def.groups.forEach((g, gi) => g.indicators.forEach((ind, ii) => { if (g.method === 'ratio' && ind.benchmark.mode === 'lastYear') needs.push({ gi, ii }); }));
  if (!needs.length) return {};
  const prior = await publishedRun(ctx, db, regionCode, year - 1);
  if (!prior) {
    throw new Invalid(needs.map(({ gi, ii }) => ({ field: `definition/groups/${gi}/indicators/${ii}/benchmark`, code: 'mu.run.noPrior', params: { year: year - 1 } })));
  }
  const row = await db.selectFrom('muRuns').select(['schemeJson', 'snapshotJson']).where('id', '=', prior.id).executeTakeFirstOrThrow();
  const out = evaluateStored(JSON.parse(row.schemeJson), JSON.parse(row.snapshotJson));
  const means: Record<string, Record<string, number>> = {};
  for (const g of out.groups) for (const i of g.indicators) if (i.mean != null) (means[g.key] ??= {})[i.key] = i.mean;
  return means;
}

async function insertResults(db: Trx, runId: string, out: EvalOutput, snapshot: StoredSnapshot): Promise<void> {
  const figures = new Map(snapshot.enterprises.map((e) => [e.id, e.data]));
  // Built and written a slice at a time, so a county-wide run never holds every row's JSON at once.
  for (let i = 0; i < out.results.length; i += 500) {
    const rows = out.results.slice(i, i + 500).map((r) => ({
      runId, enterpriseId: r.enterpriseId, creditCode: r.creditCode, name: r.name, groupKey: r.groupKey, groupName: r.groupName,
      townshipCode: r.townshipCode, park: r.park, industryCode: r.industryCode, evaluated: r.evaluated ? 1 : 0, exclusionReason: r.exclusionReason,
      total: r.total, rank: r.rank, class: r.class, forcedReason: r.forcedReason, perMuTax: r.perMuTax, perMuValueAdded: r.perMuValueAdded,
      detailJson: JSON.stringify(detailOf(r)), figuresJson: JSON.stringify(figures.get(r.enterpriseId) ?? {}),
    }));
    await db.insertInto('muResults').values(rows).execute();
  }
}

/**
 * Evaluate a scheme version on today's data of its year. The year's draft run, if any, is replaced in place (same id);
 * a published run is never touched (a new draft is made beside it).
 */
export async function createRun(ctx: Ctx, actor: Actor, schemeId: string): Promise<RunView> {
  authorize(actor, 'mu.manage');
  return inTransaction(ctx, async (trx) => {
    await requireMuOffice(ctx, trx, actor);
    const s = await trx.selectFrom('muSchemes').selectAll().where('id', '=', schemeId).where('regionCode', '=', actor.regionCode).executeTakeFirst();
    if (!s) throw new NotFound('scheme');
    if (s.status === 'retired') throw new Conflict('mu.run.retiredScheme');
    const year = Number(s.year);
    const def = JSON.parse(s.definitionJson) as SchemeDefinition;
    const errors = validateScheme(def);
    if (errors.length) throw new Invalid(errors.map((e) => ({ ...e, field: `definition/${e.field}` })));
    const priorMeans = await priorMeansFor(ctx, trx, s.regionCode, year, def);
    const enterprises = await enterpriseSnapshot(ctx, trx, s.regionCode, year);
    const adj = await trx.selectFrom('muAdjustments').select(['enterpriseId', 'itemKey', 'quantity']).where('regionCode', '=', s.regionCode).where('year', '=', year).execute();
    const adjustments: StoredSnapshot['adjustments'] = {};
    for (const a of adj) (adjustments[a.enterpriseId] ??= {})[a.itemKey] = Number(a.quantity);
    const scheme: StoredScheme = { id: s.id, version: Number(s.version), name: s.name, definition: def, priorMeans };
    const snapshot: StoredSnapshot = { year, enterprises, adjustments };
    const out = evaluateStored(scheme, snapshot);
    const now = iso(ctx.clock.now());

    const draft = await trx.selectFrom('muRuns').select('id').where('regionCode', '=', s.regionCode).where('year', '=', year).where('status', '=', 'draft').executeTakeFirst();
    const id = draft?.id ?? newId();
    const values = { schemeId: s.id, schemeVersion: Number(s.version), schemeJson: JSON.stringify(scheme), snapshotJson: JSON.stringify(snapshot), groupsJson: JSON.stringify(out.groups), createdBy: actor.userId, createdAt: now };
    if (draft) {
      await trx.deleteFrom('muResults').where('runId', '=', id).execute();
      await trx.updateTable('muRuns').set(values).where('id', '=', id).where('status', '=', 'draft').execute();
    } else {
      await trx.insertInto('muRuns').values({ id, regionCode: s.regionCode, year, status: 'draft', publishedBy: null, publishedAt: null, ...values }).execute();
    }
    await insertResults(trx, id, out, snapshot);
    if (s.status === 'draft') {
      await trx.updateTable('muSchemes').set({ status: 'retired', updatedAt: now }).where('regionCode', '=', s.regionCode).where('year', '=', year).where('status', '=', 'active').execute();
      await trx.updateTable('muSchemes').set({ status: 'active', updatedAt: now }).where('id', '=', s.id).execute();
    }
    const evaluated = out.results.filter((r) => r.evaluated).length;
    await audit(ctx, trx, actor, { action: draft ? 'mu.run.rerun' : 'mu.run.create', entityType: 'mu_run', entityId: id, after: { year, schemeId: s.id, schemeVersion: s.version, enterprises: out.results.length, evaluated } });
    const row = await trx.selectFrom('muRuns').select(RUN_COLS).where('id', '=', id).executeTakeFirstOrThrow();
    return (await runViews(trx, [row]))[0]!;
  });
}

async function draftForWrite(ctx: Ctx, trx: Trx, actor: Actor, id: string): Promise<RunRow> {
  await requireMuOffice(ctx, trx, actor);
  const row = await trx.selectFrom('muRuns').select(RUN_COLS).where('id', '=', id).where('regionCode', '=', actor.regionCode).executeTakeFirst();
  if (!row) throw new NotFound('run');
  if (row.status === 'published') throw new Conflict('mu.run.published');
  return row;
}

/** Re-run a draft with the newest usable version of its year's scheme and today's data. */
export async function rerun(ctx: Ctx, actor: Actor, id: string): Promise<RunView> {
  authorize(actor, 'mu.manage');
  const row = await inTransaction(ctx, (trx) => draftForWrite(ctx, trx, actor, id));
  const latest = await ctx.db.selectFrom('muSchemes').select('id').where('regionCode', '=', row.regionCode).where('year', '=', row.year)
    .where('status', '!=', 'retired').orderBy('version', 'desc').limit(1).executeTakeFirst();
  return createRun(ctx, actor, latest?.id ?? row.schemeId);
}

export async function publishRun(ctx: Ctx, actor: Actor, id: string): Promise<RunView> {
  authorize(actor, 'mu.manage');
  return inTransaction(ctx, async (trx) => {
    await draftForWrite(ctx, trx, actor, id);
    const now = iso(ctx.clock.now());
    const res = await trx.updateTable('muRuns').set({ status: 'published', publishedBy: actor.userId, publishedAt: now }).where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new Conflict('mu.run.published');
    await audit(ctx, trx, actor, { action: 'mu.run.publish', entityType: 'mu_run', entityId: id, after: { status: 'published', publishedAt: now } });
    const row = await trx.selectFrom('muRuns').select(RUN_COLS).where('id', '=', id).executeTakeFirstOrThrow();
    return (await runViews(trx, [row]))[0]!;
  });
}

export async function deleteRun(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'mu.manage');
  await inTransaction(ctx, async (trx) => {
    const row = await draftForWrite(ctx, trx, actor, id);
    await trx.deleteFrom('muResults').where('runId', '=', id).execute();
    await trx.deleteFrom('muRuns').where('id', '=', id).execute();
    await audit(ctx, trx, actor, { action: 'mu.run.delete', entityType: 'mu_run', entityId: id, before: { year: row.year, schemeVersion: row.schemeVersion } });
  });
}

export async function getRun(ctx: Ctx, actor: Actor, id: string) {
  const r = await reachOrForbid(ctx, ctx.db, actor);
  const row = await findRun(ctx.db, r, id);
  const scheme = JSON.parse(row.schemeJson) as StoredScheme;
  // Group figures (benchmarks, class counts) as the run computed them; a township reads the county's figures.
  const groups = (await runGroups(ctx.db, row)).map((g) => {
    const gd = scheme.definition.groups.find((x) => x.key === g.key)!;
    return {
      key: g.key, name: g.name, size: g.size, method: gd.method, classCounts: g.classCounts, ruleText: g.ruleText,
      indicators: g.indicators.map((i) => {
        const ind = gd.indicators.find((x) => x.key === i.key)!;
        return { ...i, weight: ind.weight, unit: indicatorInfo(ind).unit };
      }),
    };
  });
  // The filter offers the county's townships (not a scan of the run's 100,000 results for the ones that occur).
  const townships = await ctx.db.selectFrom('regions as t').select(['t.code', 't.name'])
    .where('t.parentCode', '=', row.regionCode).where('t.level', '=', 'township').orderBy('t.code').execute();
  const run = (await runViews(ctx.db, [row]))[0]!;
  return {
    run, groups, notEvaluated: run.enterpriseCount - run.evaluatedCount,
    canManage: r.office, classLabels: scheme.definition?.classLabels ?? { A: '', B: '', C: '', D: '' }, townships: r.kind === 'townships' ? townships.filter((t) => r.townships.includes(t.code)) : townships,
  };
}

const ROW_COLS = ['m.enterpriseId', 'm.creditCode', 'm.name', 'm.groupKey', 'm.groupName', 'm.townshipCode', 't.name as townshipName', 'm.park', 'm.industryCode',
  'm.evaluated', 'm.exclusionReason', 'm.total', 'm.rank', 'm.class', 'm.forcedReason', 'm.perMuTax', 'm.perMuValueAdded', 'm.detailJson', 'm.figuresJson'] as const;

function rowView(r: any) {
  const d = JSON.parse(r.detailJson);
  return {
    enterpriseId: r.enterpriseId, creditCode: r.creditCode, name: r.name, groupKey: r.groupKey, groupName: r.groupName, townshipCode: r.townshipCode,
    townshipName: r.townshipName ?? null, park: r.park, industryCode: r.industryCode, evaluated: !!Number(r.evaluated), exclusionReason: r.exclusionReason,
    // From the stored detail (exact), not the real column (single precision on PostgreSQL).
    total: d.total ?? null, rank: r.rank == null ? null : Number(r.rank), class: r.class, forcedReason: r.forcedReason,
    perMuTax: r.perMuTax == null ? null : Number(r.perMuTax), perMuValueAdded: r.perMuValueAdded == null ? null : Number(r.perMuValueAdded),
  };
}

function resultsBase(db: Trx, r: MuReach & { kind: 'region' | 'townships' }, runId: string) {
  let q = db.selectFrom('muResults as m').leftJoin('regions as t', 't.code', 'm.townshipCode').where('m.runId', '=', runId);
  if (r.kind === 'townships') q = q.where('m.townshipCode', 'in', r.townships.length ? r.townships : ['-']);
  return q;
}

export async function listResults(ctx: Ctx, actor: Actor, runId: string, f: ResultQueryInput) {
  const r = await reachOrForbid(ctx, ctx.db, actor);
  await findRun(ctx.db, r, runId);
  let q = resultsBase(ctx.db, r, runId);
  if (f.groupKey) q = q.where('m.groupKey', '=', f.groupKey);
  if (f.class) q = q.where('m.class', '=', f.class);
  if (f.townshipCode) q = q.where('m.townshipCode', '=', f.townshipCode);
  if (f.evaluated != null) q = q.where('m.evaluated', '=', f.evaluated ? 1 : 0);
  if (f.q?.trim()) { const like = `%${f.q.trim()}%`; q = q.where((eb) => eb.or([eb('m.name', 'like', like), eb('m.creditCode', 'like', like)])); }
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 50;
  const count = await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  // Within one group every rank is set (or, in the not-evaluated list, none is): ordered by rank there, the index
  // (run_id, group_key, rank) serves the page instead of a sort of the whole group.
  const ordered = f.groupKey
    ? q.select(ROW_COLS).orderBy('m.rank').orderBy('m.creditCode')
    : q.select(ROW_COLS).orderBy('m.evaluated', 'desc').orderBy('m.groupKey').orderBy((eb) => eb.fn.coalesce('m.rank', eb.val(2147483647))).orderBy('m.creditCode');
  const rows = await ordered.limit(pageSize).offset((page - 1) * pageSize).execute();
  return { items: rows.map(rowView), total: Number(count?.n ?? 0), page, pageSize };
}

export async function getResult(ctx: Ctx, actor: Actor, runId: string, enterpriseId: string) {
  const r = await reachOrForbid(ctx, ctx.db, actor);
  const run = await findRun(ctx.db, r, runId);
  const row = await resultsBase(ctx.db, r, runId).select(ROW_COLS).where('m.enterpriseId', '=', enterpriseId).executeTakeFirst();
  if (!row) throw new NotFound('result');
  const d = JSON.parse(row.detailJson);
  const scheme = JSON.parse(run.schemeJson) as StoredScheme;
  // The enterprise's figures are on its row since 0015; older runs read them from the snapshot.
  const figures = row.figuresJson != null ? JSON.parse(row.figuresJson)
    : (await snapshotOf(ctx.db, runId)).enterprises.find((e) => e.id === enterpriseId)?.data ?? {};
  const g = scheme.definition.groups.find((x) => x.key === row.groupKey);
  const whole = !d.items?.length || typeof d.items[0].name === 'string'; // written whole before 0015: nothing to add
  const items = whole ? d.items ?? [] : expandItems(d.items, (await runGroups(ctx.db, run)).find((x) => x.key === row.groupKey), g);
  const cls = row.class as MuClass | null;
  return {
    row: rowView(row), year: Number(run.year), runStatus: run.status as 'draft' | 'published', groupSize: d.groupSize ?? null,
    items, adjustments: d.adjustments ?? [], indicatorPoints: d.indicatorPoints ?? null, adjustmentPoints: d.adjustmentPoints ?? null,
    classWhy: d.classWhy ?? null, classLabel: cls ? scheme.definition.classLabels[cls] || null : null,
    ruleText: g && row.groupKey !== NOT_IN_SCOPE ? evaluateRuleText(scheme, g.key) : null,
    figures: figures as Record<string, number>, land: d.land ?? null,
  };
}

function evaluateRuleText(scheme: StoredScheme, groupKey: string) {
  const out = evaluate({ ...scheme.definition, groups: scheme.definition.groups.filter((g) => g.key === groupKey) }, { year: 0, enterprises: [], adjustments: {}, priorMeans: {} });
  return out.groups[0]?.ruleText ?? null;
}

/** Recompute the run from its stored scheme and snapshot and compare with its stored results (exact, via detail_json). */
export async function reproduce(ctx: Ctx, actor: Actor, runId: string) {
  const r = await reachOrForbid(ctx, ctx.db, actor);
  const run = await findRun(ctx.db, r, runId);
  const out = evaluateStored(JSON.parse(run.schemeJson), await snapshotOf(ctx.db, runId));
  const stored = await ctx.db.selectFrom('muResults').select(['enterpriseId', 'class', 'rank', 'evaluated', 'detailJson']).where('runId', '=', runId).execute();
  const byId = new Map(stored.map((s) => [s.enterpriseId, s]));
  const differences: string[] = [];
  for (const x of out.results) {
    const s = byId.get(x.enterpriseId);
    if (!s) { differences.push(`${x.creditCode}: missing`); continue; }
    byId.delete(x.enterpriseId);
    if (canonicalDetail(JSON.parse(s.detailJson)) !== JSON.stringify(detailOf(x)) || (s.class ?? null) !== x.class || !!Number(s.evaluated) !== x.evaluated) differences.push(`${x.creditCode}: differs`);
  }
  for (const s of byId.values()) differences.push(`${s.enterpriseId}: not in the recomputation`);
  return { identical: differences.length === 0, compared: out.results.length, differences: differences.slice(0, 50) };
}

/** The one-page 体检报告 of an enterprise in a run, as .docx. */
export async function reportCard(ctx: Ctx, actor: Actor, runId: string, enterpriseId: string): Promise<{ filename: string; body: Buffer }> {
  const d = await getResult(ctx, actor, runId, enterpriseId);
  const run = await ctx.db.selectFrom('muRuns as r').innerJoin('regions as g', 'g.code', 'r.regionCode').select(['g.name', 'r.publishedAt', 'r.createdAt']).where('r.id', '=', runId).executeTakeFirstOrThrow();
  const zh = actor.locale !== 'en-US';
  const body = await buildReportCard({
    county: run.name, year: d.year, published: d.runStatus === 'published',
    enterprise: { name: d.row.name, creditCode: d.row.creditCode, township: d.row.townshipName, park: d.row.park, industryCode: d.row.industryCode, land: d.land, group: d.row.groupName },
    // The table holds value, benchmark, weight and points; the note column only the rule that set the points, if any
    // (a capped item, missing data …), so six indicators and the class reasons stay on one A4 page.
    items: d.items.map((i: any) => ({ name: i.name, unit: i.unit, value: i.value, benchmark: i.benchmark, weight: i.weight, points: i.points,
      why: i.rule && RULE_WORDS[i.rule] ? RULE_WORDS[i.rule]![zh ? 0 : 1] : (i.benchmark != null ? (zh ? '本企业值 ÷ 基准值 × 权重' : 'value ÷ benchmark × weight') : (zh ? '最小—最大值法' : 'min–max')) })),
    adjustments: d.adjustments, total: d.row.total, rank: d.row.rank, groupSize: d.groupSize, cls: d.row.class, classLabel: d.classLabel,
    classWhy: d.classWhy ? (zh ? d.classWhy.zh : d.classWhy.en) : null, ruleText: d.ruleText ? (zh ? d.ruleText.zh : d.ruleText.en) : null,
    exclusionReason: d.row.exclusionReason, date: (run.publishedAt ?? run.createdAt).slice(0, 10),
  });
  return { filename: `${d.row.name}-${d.year}年度亩均效益体检报告.docx`, body };
}
