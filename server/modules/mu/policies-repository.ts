// Every query of the policies part of 亩均: the mu_policies table (owned here) and reads of published results.
import type { Trx } from '../../context.js';
import { inMuScope, type MuReadScope } from './policies-access.js';
import { MU_CLASSES, describeTiers, type MuClass, type PolicyKind, type PolicyTerm } from './policies-rules.js';
import type { MuPolicyView } from './policies-schemas.js';

const columns = ['id', 'regionCode', 'name', 'body', 'kind', 'unit', 'basis', 'note', 'fromYear', 'toYear', 'termsJson', 'sortOrder', 'version', 'createdAt', 'updatedAt'] as const;

export async function listPolicies(db: Trx, regionCode: string, year?: number): Promise<MuPolicyView[]> {
  let q = db.selectFrom('muPolicies').select(columns).where('regionCode', '=', regionCode);
  if (year !== undefined) q = q.where('fromYear', '<=', year).where((eb) => eb.or([eb('toYear', 'is', null), eb('toYear', '>=', year)]));
  return (await q.orderBy('sortOrder').orderBy('fromYear', 'desc').orderBy('name').execute()).map(present);
}

export async function findPolicy(db: Trx, regions: string[], id: string): Promise<MuPolicyView | undefined> {
  const r = await db.selectFrom('muPolicies').select(columns).where('id', '=', id).where('regionCode', 'in', regions).executeTakeFirst();
  return r && present(r);
}

export async function findPolicyByName(db: Trx, regionCode: string, name: string, fromYear: number) {
  return db.selectFrom('muPolicies').select('id').where('regionCode', '=', regionCode).where('name', '=', name).where('fromYear', '=', fromYear).executeTakeFirst();
}

export async function insertPolicy(db: Trx, row: {
  id: string; regionCode: string; name: string; body: string; kind: string; unit: string | null; basis: string | null; note: string | null;
  fromYear: number; toYear: number | null; termsJson: string; sortOrder: number; createdBy: string; createdAt: string; updatedAt: string;
}) {
  await db.insertInto('muPolicies').values(row).execute();
}

/** Optimistic concurrency: applies only if the version still matches. */
export async function updatePolicy(db: Trx, id: string, version: number, set: Record<string, unknown>): Promise<boolean> {
  const r = await db.updateTable('muPolicies').set({ ...set, version: version + 1 } as any).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deletePolicy(db: Trx, id: string) {
  await db.deleteFrom('muPolicies').where('id', '=', id).execute();
}

export interface ResultRow {
  enterpriseId: string; creditCode: string; name: string; townshipCode: string | null; townshipName: string | null; park: string | null;
  industryCode: string | null; groupName: string; total: number | null; rank: number | null; class: MuClass | null;
}

/** Classed results of a run within the reader's scope, with optional filters. */
export async function classedResults(db: Trx, runId: string, scope: MuReadScope, f: { class?: MuClass; townshipCode?: string; q?: string }): Promise<ResultRow[]> {
  let q = db.selectFrom('muResults as r').leftJoin('regions as t', 't.code', 'r.townshipCode')
    .select(['r.enterpriseId', 'r.creditCode', 'r.name', 'r.townshipCode', 't.name as townshipName', 'r.park', 'r.industryCode', 'r.groupName', 'r.total', 'r.rank', 'r.class'])
    .where('r.runId', '=', runId).where('r.class', 'in', [...MU_CLASSES])
    .where((eb) => inMuScope(eb, scope, 'r.township_code'));
  if (f.class) q = q.where('r.class', '=', f.class);
  if (f.townshipCode) q = q.where('r.townshipCode', '=', f.townshipCode);
  if (f.q) q = q.where((eb) => eb.or([eb('r.name', 'like', `%${f.q}%`), eb('r.creditCode', 'like', `%${f.q}%`)]));
  const rows = await q.execute();
  return rows.map((r) => ({
    ...r, townshipName: r.townshipName ?? null, total: r.total === null ? null : Number(r.total), rank: r.rank === null ? null : Number(r.rank), class: r.class as MuClass | null,
  }));
}

/** enterprise → year → class, from the given published runs (earlier years), for the enterprises asked. */
export async function classHistory(db: Trx, runs: { id: string; year: number }[], enterpriseIds: string[]): Promise<Map<string, Map<number, MuClass | null>>> {
  const out = new Map<string, Map<number, MuClass | null>>();
  if (!runs.length || !enterpriseIds.length) return out;
  const yearOf = new Map(runs.map((r) => [r.id, r.year]));
  const wanted = new Set(enterpriseIds);
  // One statement per run: a run holds a county's enterprises (thousands), so this reads at most ten of those.
  for (const run of runs) {
    const rows = await db.selectFrom('muResults').select(['enterpriseId', 'class']).where('runId', '=', run.id).execute();
    for (const r of rows) {
      if (!wanted.has(r.enterpriseId)) continue;
      let m = out.get(r.enterpriseId);
      if (!m) out.set(r.enterpriseId, (m = new Map()));
      m.set(yearOf.get(run.id)!, (MU_CLASSES as readonly string[]).includes(r.class ?? '') ? (r.class as MuClass) : null);
    }
  }
  return out;
}

export async function runInfo(db: Trx, id: string) {
  return db.selectFrom('muRuns').select(['id', 'year', 'publishedAt']).where('id', '=', id).executeTakeFirstOrThrow();
}

function present(r: any): MuPolicyView {
  const terms = JSON.parse(r.termsJson) as PolicyTerm[];
  const summary: Record<string, string> = {};
  for (const c of MU_CLASSES) if (terms.some((t) => t.class === c)) summary[c] = describeTiers(r.kind as PolicyKind, r.unit, terms, c);
  return {
    id: r.id, regionCode: r.regionCode, name: r.name, body: r.body, kind: r.kind, unit: r.unit ?? null, basis: r.basis ?? null, note: r.note ?? null,
    fromYear: Number(r.fromYear), toYear: r.toYear === null ? null : Number(r.toYear), terms, summary,
    sortOrder: Number(r.sortOrder), version: Number(r.version), createdAt: r.createdAt, updatedAt: r.updatedAt,
  };
}
