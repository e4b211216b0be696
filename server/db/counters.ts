// The next number of a sequence (task serials, document numbers), atomic on both dialects and inside the
// caller's transaction: no unique-violation retries (which would abort a PostgreSQL transaction).
import { sql } from 'kysely';
import type { Trx } from '../context.js';

export async function nextNumber(trx: Trx, key: string): Promise<number> {
  const row = await trx.insertInto('counters').values({ key, value: 1 })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql<number>`counters.value + 1` }))
    .returning('value').executeTakeFirstOrThrow();
  return Number(row.value);
}
