// Fixed-window counters kept in the database, so that several server processes share them.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

export async function hitRateLimit(db: Db, key: string, now: Date, windowSeconds: number): Promise<number> {
  const nowIso = now.toISOString();
  const cutoff = new Date(now.getTime() - windowSeconds * 1000).toISOString();
  const row = await db.insertInto('rateLimits')
    .values({ key, windowStart: nowIso, count: 1 })
    .onConflict((oc) => oc.column('key').doUpdateSet({
      count: sql<number>`case when rate_limits.window_start < ${cutoff} then 1 else rate_limits.count + 1 end`,
      windowStart: sql<string>`case when rate_limits.window_start < ${cutoff} then ${nowIso} else rate_limits.window_start end`,
    }))
    .returning(['count'])
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
