// 亩均 runs at county scale (100,000 enterprises): the run keeps its group figures (benchmarks, means, class counts,
// the class rule in words) so the run page reads them instead of re-evaluating the whole snapshot, and each result
// keeps the enterprise's own figures of the snapshot so its explanation and the aggregates read one row, not the
// snapshot. Both are derived from what the run already stores (scheme_json, snapshot_json): rows written before this
// migration have them null and are read the old way. Frozen in time: never import app code here.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mu_runs').addColumn('groups_json', 'text').execute();
  await db.schema.alterTable('mu_results').addColumn('figures_json', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mu_results').dropColumn('figures_json').execute();
  await db.schema.alterTable('mu_runs').dropColumn('groups_json').execute();
}
