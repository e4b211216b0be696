// Long operations (imports, exports, runs, backups) record their progress in the jobs table,
// so that any server process can answer "how far along is it" and the UI can draw a progress bar.
import type { Ctx } from '../../context.js';
import { newId } from '../clock.js';

export interface JobView { id: string; kind: string; status: 'running' | 'done' | 'failed'; done: number; total: number; message: string | null; result: unknown }

export async function startJob(ctx: Ctx, kind: string, total: number, userId: string | null): Promise<string> {
  const id = newId();
  const now = ctx.clock.now().toISOString();
  await ctx.db.insertInto('jobs').values({ id, kind, status: 'running', done: 0, total, message: null, resultJson: null, userId, createdAt: now, updatedAt: now }).execute();
  return id;
}

export async function jobProgress(ctx: Ctx, id: string, done: number, message?: string): Promise<void> {
  await ctx.db.updateTable('jobs').set({ done, ...(message ? { message } : {}), updatedAt: ctx.clock.now().toISOString() }).where('id', '=', id).execute();
}

export async function finishJob(ctx: Ctx, id: string, status: 'done' | 'failed', result: unknown, message?: string): Promise<void> {
  await ctx.db.updateTable('jobs').set({ status, resultJson: JSON.stringify(result ?? null), message: message ?? null, updatedAt: ctx.clock.now().toISOString() }).where('id', '=', id).execute();
}

export async function getJob(ctx: Ctx, id: string, userId: string): Promise<JobView | null> {
  const j = await ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).where('userId', '=', userId).executeTakeFirst();
  if (!j) return null;
  return { id: j.id, kind: j.kind, status: j.status as JobView['status'], done: j.done, total: j.total, message: j.message, result: j.resultJson ? JSON.parse(j.resultJson) : null };
}

/** Runs work in the background of this request; the caller answers at once with the job id. */
export function runJob(ctx: Ctx, id: string, work: (progress: (done: number) => Promise<void>) => Promise<unknown>): void {
  void (async () => {
    try {
      const result = await work((done) => jobProgress(ctx, id, done));
      await finishJob(ctx, id, 'done', result);
    } catch (err: any) {
      await finishJob(ctx, id, 'failed', { code: err?.code ?? 'internal', errors: err?.errors ?? [] }, err?.message ?? String(err)).catch(() => {});
    }
  })();
}
