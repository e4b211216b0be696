// better-sqlite3 compiles every statement Kysely hands it; the same few hundred SQL texts come back on every request
// (and 20,000 times in one ledger import), and compiling was a fifth of such an import's time. This keeps the
// compiled statements of the most recent SQL texts (least recently used dropped first) and hands them out again.
// Safe with Kysely's SQLite driver: one connection, queries one at a time behind its mutex, so a statement is never
// in use twice; SQLite recompiles a kept statement by itself after a schema change (migrations).
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

export function withStatementCache(handle: SQLite.Database, size = 1000): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => { kept.clear(); handle.close(); },
    prepare(sql: string) {
      let stmt = kept.get(sql);
      if (stmt) {
        kept.delete(sql); // most recently used last
      } else {
        stmt = handle.prepare(sql);
        if (kept.size >= size) kept.delete(kept.keys().next().value!);
      }
      kept.set(sql, stmt);
      return stmt as unknown as ReturnType<SqliteDatabase['prepare']>;
    },
  };
}
