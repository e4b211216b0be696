// Attachments: optional evidence on a task or a step of its loop (never a required ritual: 减负).
// Stored under UPLOAD_DIR/<yyyy-mm>/<id> (platform/files/store.ts); with several instances UPLOAD_DIR must be shared storage.
import type { Ctx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { newId } from '../../platform/clock.js';
import { Forbidden, NotFound } from '../../platform/errors.js';
import { checkFile, type Magic } from '../../platform/files/check.js';
import { openStoredFile, safeFilename, storeFile } from '../../platform/files/store.js';
import * as repo from './repository.js';
import { sidesOf } from './service.js';

/** Evidence formats counties exchange; executables, scripts and HTML are refused. */
export const ATTACHMENT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf', '.ofd': 'application/ofd',
  '.doc': 'application/msword', '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel', '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.wps': 'application/vnd.ms-works', '.et': 'application/vnd.ms-excel',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.zip': 'application/zip', '.txt': 'text/plain',
};

// The first bytes of the binary formats, so that a renamed executable is not accepted as a PDF.
const MAGIC: Record<string, Magic> = {
  '.pdf': [[0x25, 0x50, 0x44, 0x46]], '.png': [[0x89, 0x50, 0x4e, 0x47]], '.jpg': [[0xff, 0xd8, 0xff]], '.jpeg': [[0xff, 0xd8, 0xff]],
  '.docx': [[0x50, 0x4b]], '.xlsx': [[0x50, 0x4b]], '.zip': [[0x50, 0x4b]], '.ofd': [[0x50, 0x4b]],
  '.doc': [[0xd0, 0xcf, 0x11, 0xe0]], '.xls': [[0xd0, 0xcf, 0x11, 0xe0]], '.wps': [[0xd0, 0xcf, 0x11, 0xe0]], '.et': [[0xd0, 0xcf, 0x11, 0xe0]],
};

export function checkAttachment(filename: string, data: Buffer, limit: number): string {
  return checkFile(filename, data, limit, ATTACHMENT_TYPES, MAGIC);
}

/** Uploads a file to a task the actor works on (lead unit, co-unit in scope, supervisor, leader). */
export async function addAttachment(ctx: Ctx, actor: Actor, taskId: string, filename: string, data: Buffer) {
  authorize(actor, 'tasks.read');
  const t = await repo.findTaskRow(ctx.db, actor, taskId);
  if (!t) throw new NotFound('task');
  const sides = sidesOf(actor, { regionCode: t.regionCode, leadUnitId: t.leadUnitId, leaderUserId: t.leaderUserId });
  const coWorker = (await repo.coUnitsOf(ctx.db, [taskId])).get(taskId)?.some((u) => u.id === actor.unitId);
  if (!sides.size && !coWorker) throw new Forbidden();
  const mime = checkAttachment(filename, data, ctx.config.uploadLimitBytes);
  const id = newId();
  const { storagePath, sha256 } = await storeFile(ctx.config.uploadDir, id, ctx.clock.now(), data);
  const safeName = safeFilename(filename);
  const row = { id, regionCode: t.regionCode, taskId, filename: safeName, mime, size: data.length, sha256, storagePath, uploadedBy: actor.userId, createdAt: ctx.clock.now().toISOString() };
  await inTransaction(ctx, async (trx) => {
    await trx.insertInto('attachments').values(row).execute();
    await audit(ctx, trx, actor, { action: 'task.attachment_add', entityType: 'task', entityId: taskId, after: { id, filename: safeName, size: data.length, sha256: row.sha256 } });
  });
  return { id, filename: safeName, mime, size: data.length, createdAt: row.createdAt };
}

export async function listAttachments(ctx: Ctx, actor: Actor, taskId: string) {
  authorize(actor, 'tasks.read');
  if (!(await repo.findTaskRow(ctx.db, actor, taskId))) throw new NotFound('task');
  return ctx.db.selectFrom('attachments').leftJoin('users', 'users.id', 'attachments.uploadedBy')
    .select(['attachments.id', 'attachments.filename', 'attachments.mime', 'attachments.size', 'attachments.createdAt', 'users.displayName as uploadedBy'])
    .where('attachments.taskId', '=', taskId).orderBy('attachments.createdAt').execute();
}

/** A download is allowed to whoever can read the task (scope applied through the task). */
export async function openAttachment(ctx: Ctx, actor: Actor, id: string) {
  authorize(actor, 'tasks.read');
  const a = await ctx.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a || !a.taskId || !(await repo.findTaskRow(ctx.db, actor, a.taskId))) throw new NotFound('attachment');
  return { meta: a, stream: openStoredFile(ctx.config.uploadDir, a.storagePath) };
}
