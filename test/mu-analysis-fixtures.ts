// Published 亩均 runs written straight into mu_schemes/mu_runs/mu_results, for the policy-list and aggregate tests:
// they read published runs only and must not depend on how the scoring engine got there.
import type { Ctx } from '../server/context.js';
import { newId } from '../server/platform/clock.js';
import { buildUnit } from './factories.js';

export interface FixtureResult {
  id: string; name?: string; townshipCode?: string | null; park?: string | null; industryCode?: string | null;
  groupKey?: string; groupName?: string; evaluated?: boolean; class?: 'A' | 'B' | 'C' | 'D' | null; total?: number | null;
  tax?: number; valueAdded?: number; land?: number | null; registryLand?: number | null;
}

/** Credit codes need only be distinct here (the registry validates them, these tests do not go through it). */
export const creditCodeOf = (id: string) => `91990121MA${id.toUpperCase().padStart(8, '0').slice(-8)}`;

export async function insertRun(ctx: Ctx, regionCode: string, year: number, results: FixtureResult[], status: 'published' | 'draft' = 'published', publishedAt?: string): Promise<string> {
  const now = ctx.clock.now().toISOString();
  const schemeId = newId();
  const versions = await ctx.db.selectFrom('muSchemes').select('version').where('regionCode', '=', regionCode).where('year', '=', year).execute();
  const version = Math.max(0, ...versions.map((v) => Number(v.version))) + 1;
  await ctx.db.insertInto('muSchemes').values({ id: schemeId, regionCode, year, name: `${year}年度评价办法`, version, status: 'active', definitionJson: '{}', createdBy: null, createdAt: now, updatedAt: now }).execute();
  const runId = newId();
  const snapshot = results.map((r) => ({
    id: r.id, creditCode: creditCodeOf(r.id), name: r.name ?? `企业${r.id}`, industryCode: r.industryCode ?? null, townshipCode: r.townshipCode ?? null,
    townshipName: null, park: r.park ?? null, aboveScale: (r.groupKey ?? 'above') === 'above', landAreaMu: r.registryLand ?? null, producingSince: null, closedOn: null, tenantCount: 0,
    data: { ...(r.tax !== undefined ? { tax: r.tax } : {}), ...(r.valueAdded !== undefined ? { value_added: r.valueAdded } : {}), ...(r.land != null ? { land_area: r.land } : {}) },
  }));
  await ctx.db.insertInto('muRuns').values({
    id: runId, regionCode, year, schemeId, schemeVersion: version, schemeJson: '{}', snapshotJson: JSON.stringify({ year, enterprises: snapshot, adjustments: {} }), status, createdBy: null, createdAt: now,
    publishedBy: status === 'published' ? null : null, publishedAt: status === 'published' ? (publishedAt ?? now) : null,
  }).execute();
  if (results.length) {
    await ctx.db.insertInto('muResults').values(results.map((r, i) => {
      const evaluated = r.evaluated ?? true;
      const land = r.land ?? r.registryLand ?? null;
      return {
        runId, enterpriseId: r.id, creditCode: creditCodeOf(r.id), name: r.name ?? `企业${r.id}`, groupKey: r.groupKey ?? 'above', groupName: r.groupName ?? '规上工业企业',
        townshipCode: r.townshipCode ?? null, park: r.park ?? null, industryCode: r.industryCode ?? null, evaluated: evaluated ? 1 : 0,
        exclusionReason: evaluated ? null : '投产不满2年', total: evaluated ? (r.total ?? 60) : null, rank: evaluated ? i + 1 : null, class: evaluated ? (r.class ?? null) : null,
        forcedReason: null, perMuTax: land && r.tax !== undefined ? r.tax / land : null, perMuValueAdded: land && r.valueAdded !== undefined ? r.valueAdded / land : null, detailJson: '{}',
      };
    })).execute();
  }
  return runId;
}

/** Two townships of the county (regions of level township, and their township units). */
export async function buildTownships(ctx: Ctx, regionCode: string) {
  const out: { code: string; name: string; unitId: string }[] = [];
  for (const [i, name] of ['城关镇', '东湖镇'].entries()) {
    const code = `${regionCode}${String(100 + i)}`;
    await ctx.db.insertInto('regions').values({ code, name, level: 'township', parentCode: regionCode }).execute();
    const unit = await buildUnit(ctx, regionCode, { name: `${name}人民政府${regionCode}`, kind: 'township' });
    out.push({ code, name, unitId: unit.id });
  }
  return out;
}

export async function setMuOffice(ctx: Ctx, unitIds: string[]) {
  const now = ctx.clock.now().toISOString();
  const value = JSON.stringify(unitIds);
  const had = await ctx.db.selectFrom('settings').select('key').where('key', '=', 'mu.officeUnitIds').executeTakeFirst();
  if (had) await ctx.db.updateTable('settings').set({ value, updatedAt: now }).where('key', '=', 'mu.officeUnitIds').execute();
  else await ctx.db.insertInto('settings').values({ key: 'mu.officeUnitIds', value, updatedAt: now }).execute();
}
