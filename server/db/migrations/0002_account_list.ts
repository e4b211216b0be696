// The account list at county scale (100,000 users; see bench/org-list.bench.ts) without sorting or counting them all
// on every page: indexes that hand out a page in list order, and a per-region head count kept by triggers.
// Frozen in time: never import app code here.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The list walks the units in their order and, within each, reads the unit's users by name from this index.
  // It starts with unit_id, so it also serves what users_unit_idx served (unit filters, the foreign key).
  await db.schema.createIndex('users_unit_order_idx').on('users').columns(['unit_id', 'region_code', 'username']).execute();
  await db.schema.dropIndex('users_unit_idx').execute();
  // Units in list order (sort_order, name). Unique — as it is anyway, (region_code, name) being unique — so that SQLite
  // knows each key is one unit and can take the users of each unit straight from the index above, unsorted.
  await db.schema.createIndex('units_order_idx').unique().on('units').columns(['sort_order', 'name', 'region_code']).execute();

  // How many accounts each region has: the list's total without counting 100,000 rows per page. Kept in the same
  // transaction as the change of users by the triggers below, so it is exact and shared by every server process.
  await db.schema.createTable('region_user_counts')
    .addColumn('region_code', 'text', (c) => c.primaryKey())
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into region_user_counts (region_code, n) select region_code, count(*) from users group by region_code`.execute(db);

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // Statement-level for inserts and deletes (one upsert per statement and region, not per row); row-level for the rare
    // change of a user's region (transition tables cannot go with a column list).
    await sql`create function region_user_counts_apply() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          update region_user_counts c set n = c.n - d.k
            from (select region_code, count(*) as k from gone group by region_code) d where c.region_code = d.region_code;
        else
          insert into region_user_counts (region_code, n) select region_code, count(*) from added group by region_code
            on conflict (region_code) do update set n = region_user_counts.n + excluded.n;
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger users_counted_insert after insert on users referencing new table as added
      for each statement execute function region_user_counts_apply()`.execute(db);
    await sql`create trigger users_counted_delete after delete on users referencing old table as gone
      for each statement execute function region_user_counts_apply()`.execute(db);
    await sql`create function region_user_counts_move() returns trigger language plpgsql as $$
      begin
        update region_user_counts set n = n - 1 where region_code = old.region_code;
        insert into region_user_counts (region_code, n) values (new.region_code, 1)
          on conflict (region_code) do update set n = region_user_counts.n + 1;
        return null;
      end $$`.execute(db);
    await sql`create trigger users_counted_move after update of region_code on users
      for each row when (old.region_code is distinct from new.region_code) execute function region_user_counts_move()`.execute(db);
  } else {
    await sql`create trigger users_counted_insert after insert on users begin
      insert into region_user_counts (region_code, n) values (new.region_code, 1) on conflict (region_code) do update set n = n + 1;
    end`.execute(db);
    await sql`create trigger users_counted_delete after delete on users begin
      update region_user_counts set n = n - 1 where region_code = old.region_code;
    end`.execute(db);
    await sql`create trigger users_counted_move after update of region_code on users when new.region_code is not old.region_code begin
      update region_user_counts set n = n - 1 where region_code = old.region_code;
      insert into region_user_counts (region_code, n) values (new.region_code, 1) on conflict (region_code) do update set n = n + 1;
    end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const t of ['users_counted_insert', 'users_counted_delete', 'users_counted_move']) {
    await sql.raw(pg ? `drop trigger if exists ${t} on users` : `drop trigger if exists ${t}`).execute(db);
  }
  if (pg) {
    await sql`drop function if exists region_user_counts_apply()`.execute(db);
    await sql`drop function if exists region_user_counts_move()`.execute(db);
  }
  await db.schema.dropTable('region_user_counts').ifExists().execute();
  await db.schema.dropIndex('units_order_idx').ifExists().execute();
  await db.schema.createIndex('users_unit_idx').on('users').columns(['unit_id']).execute();
  await db.schema.dropIndex('users_unit_order_idx').ifExists().execute();
}
