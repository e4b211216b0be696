// Reading runs for other parts of the 亩均 module (policies, aggregates): the published run of a year. No scope check
// here — callers have already decided the actor may read the region.
import type { Ctx, Trx } from '../../context.js';

/** The latest published run of that county and year, or null. */
export async function publishedRun(_ctx: Ctx, db: Trx, regionCode: string, year: number): Promise<{ id: string; year: number } | null> {
  const row = await db.selectFrom('muRuns').select(['id', 'year'])
    .where('regionCode', '=', regionCode).where('year', '=', year).where('status', '=', 'published')
    .orderBy('publishedAt', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ?? null;
}

/** Published runs of a county, newest year first (one per year: the latest published). */
export async function publishedRuns(_ctx: Ctx, db: Trx, regionCode: string): Promise<{ id: string; year: number }[]> {
  const rows = await db.selectFrom('muRuns').select(['id', 'year', 'publishedAt'])
    .where('regionCode', '=', regionCode).where('status', '=', 'published')
    .orderBy('year', 'desc').orderBy('publishedAt', 'desc').execute();
  const seen = new Set<number>();
  const out: { id: string; year: number }[] = [];
  for (const r of rows) if (!seen.has(r.year)) { seen.add(r.year); out.push({ id: r.id, year: r.year }); }
  return out;
}
