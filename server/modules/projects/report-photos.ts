// 月报 形象进度 photos: optional evidence on a filed monthly report (减负 — never asked for), at most nine a report.
// JPEG, PNG and WebP only, each checked by its first bytes (HEIC is refused: most browsers cannot show it, and a phone
// sends JPEG from a file input that asks for images). Whoever may file the report may add photos while it exists;
// whoever may read the project sees them (one added after the due date is kept with the report's corrections, no reason
// asked). A photo is removed by the unit that uploaded it: freely while the period is
// open, after its due date only with a reason — the same rule as a figure correction, kept in
// project_report_corrections and audited. Files live under UPLOAD_DIR (platform/files/store.ts).
import type { Ctx, Trx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { newId, shanghaiDate } from '../../platform/clock.js';
import { Forbidden, Invalid, NotFound } from '../../platform/errors.js';
import { checkFile, type Magic } from '../../platform/files/check.js';
import { openStoredFile, removeStoredFile, safeFilename, storeFile } from '../../platform/files/store.js';
import { isClosed } from './reports-rules.js';
import { projectFor, rightsOn } from './tracking-access.js';

export const MAX_REPORT_PHOTOS = 9;
export const PHOTO_TYPES: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp' };
const PHOTO_MAGIC: Record<string, Magic> = {
  '.jpg': [[0xff, 0xd8, 0xff]], '.jpeg': [[0xff, 0xd8, 0xff]], '.png': [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  '.webp': [[0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50]],
};

export interface ReportPhoto { id: string; filename: string; mime: string; size: number; uploadedAt: string; by: string | null; canRemove: boolean }
type PhotoRow = { id: string; reportId: string; filename: string; mime: string; size: number; uploadedAt: string; uploadedBy: string | null; uploadedByName: string | null; uploadedByUnitId: string | null };

const mayRemove = (actor: Actor, canEdit: boolean, r: Pick<PhotoRow, 'uploadedBy' | 'uploadedByUnitId'>) =>
  canEdit && (r.uploadedBy === actor.userId || (!!actor.unitId && r.uploadedByUnitId === actor.unitId));
const present = (actor: Actor, canEdit: boolean, r: PhotoRow): ReportPhoto =>
  ({ id: r.id, filename: r.filename, mime: r.mime, size: r.size, uploadedAt: r.uploadedAt, by: r.uploadedByName, canRemove: mayRemove(actor, canEdit, r) });

/** The photos of a project's reports, by report id, oldest first (the caller has checked the project may be read). */
export async function photosByReport(db: Trx, actor: Actor, projectId: string, canEdit: boolean): Promise<Map<string, ReportPhoto[]>> {
  const rows = await db.selectFrom('projectReportPhotos')
    .select(['id', 'reportId', 'filename', 'mime', 'size', 'uploadedAt', 'uploadedBy', 'uploadedByName', 'uploadedByUnitId'])
    .where('projectId', '=', projectId).orderBy('uploadedAt').orderBy('id').execute();
  const out = new Map<string, ReportPhoto[]>();
  for (const r of rows) { const a = out.get(r.reportId) ?? []; a.push(present(actor, canEdit, r)); out.set(r.reportId, a); }
  return out;
}

/**
 * Adds a photo to the filed report of the period; refused past nine, or when the month has no report yet. Adding
 * evidence needs no reason, even after the due date; but a photo added once the period has closed is kept with the
 * report's corrections ({photo: null} → {photo: filename}, reason 逾期后补充照片) so the report shows it came late.
 * The file is written before the transaction (a 20 MB write must not hold SQLite's one connection) and removed if the
 * transaction fails.
 */
export async function addReportPhoto(ctx: Ctx, actor: Actor, projectId: string, period: string, filename: string, data: Buffer): Promise<ReportPhoto> {
  authorize(actor, 'projects.manage');
  const p = await projectFor(ctx, ctx.db, actor, projectId, 'edit');
  const mime = checkFile(filename, data, ctx.config.uploadLimitBytes, PHOTO_TYPES, PHOTO_MAGIC);
  const id = newId();
  const name = safeFilename(filename);
  // The refusals that need no file are checked first, so a refused upload writes nothing; the transaction checks again.
  const check = async (db: Trx, lock: boolean) => {
    let q = db.selectFrom('projectReports').select(['id', 'dueOn', 'corrections']).where('projectId', '=', p.id).where('period', '=', period);
    if (lock && ctx.dialect === 'postgres') q = q.forUpdate(); // two uploads at once cannot both take the ninth place
    const report = await q.executeTakeFirst();
    if (!report) throw new Invalid({ field: 'period', code: 'projectReport.photoNeedsReport', params: { period } });
    const have = await db.selectFrom('projectReportPhotos').select((eb) => eb.fn.countAll().as('n')).where('reportId', '=', report.id).executeTakeFirstOrThrow();
    if (Number(have.n) >= MAX_REPORT_PHOTOS) throw new Invalid({ field: 'file', code: 'projectReport.tooManyPhotos', params: { max: MAX_REPORT_PHOTOS } });
    return report;
  };
  await check(ctx.db, false);
  const now = ctx.clock.now();
  const stored = await storeFile(ctx.config.uploadDir, id, now, data);
  try {
    return await inTransaction(ctx, async (trx) => {
      const report = await check(trx, true);
      const row = {
        id, reportId: report.id, projectId: p.id, regionCode: p.regionCode, period, filename: name, mime, size: stored.size, sha256: stored.sha256,
        storagePath: stored.storagePath, uploadedBy: actor.userId, uploadedByName: actor.displayName, uploadedByUnitId: actor.unitId, uploadedAt: now.toISOString(),
      };
      await trx.insertInto('projectReportPhotos').values(row).execute();
      const late = isClosed(shanghaiDate(now), report.dueOn);
      if (late) {
        await trx.updateTable('projectReports').set({ corrections: report.corrections + 1 }).where('id', '=', report.id).execute();
        await trx.insertInto('projectReportCorrections').values({
          id: newId(), reportId: report.id, projectId: p.id, at: now.toISOString(), actorId: actor.userId, actorName: actor.displayName, reason: LATE_PHOTO_REASON,
          beforeJson: JSON.stringify({ photo: null }), afterJson: JSON.stringify({ photo: row.filename }),
        }).execute();
      }
      await audit(ctx, trx, actor, { action: 'project.report.photo_add', entityType: 'project_report', entityId: report.id, after: { projectId: p.id, period, photoId: id, filename: row.filename, size: row.size, sha256: row.sha256, ...(late ? { reason: LATE_PHOTO_REASON } : {}) } });
      return present(actor, true, row);
    });
  } catch (e) {
    await removeStoredFile(ctx.config.uploadDir, stored.storagePath);
    throw e;
  }
}

/** The reason kept with a photo added after the period closed (no reason is asked of the user: adding evidence stays free). */
export const LATE_PHOTO_REASON = '逾期后补充照片 / photo added after the due date';

async function findPhoto(ctx: Ctx, db: Trx, projectId: string, period: string, photoId: string) {
  const ph = await db.selectFrom('projectReportPhotos').selectAll().where('id', '=', photoId).where('projectId', '=', projectId).where('period', '=', period).executeTakeFirst();
  if (!ph) throw new NotFound('photo');
  return ph;
}

/** The photo's bytes, to whoever may read the project (a project out of scope is not found). */
export async function openReportPhoto(ctx: Ctx, actor: Actor, projectId: string, period: string, photoId: string) {
  const p = await projectFor(ctx, ctx.db, actor, projectId);
  const ph = await findPhoto(ctx, ctx.db, p.id, period, photoId);
  return { meta: ph, stream: openStoredFile(ctx.config.uploadDir, ph.storagePath) };
}

/** Removes a photo the actor's unit uploaded; once the period is closed, only with a reason (kept and audited). */
export async function removeReportPhoto(ctx: Ctx, actor: Actor, projectId: string, period: string, photoId: string, reason?: string) {
  authorize(actor, 'projects.manage');
  const storagePath = await inTransaction(ctx, async (trx) => {
    const p = await projectFor(ctx, trx, actor, projectId, 'edit');
    const ph = await findPhoto(ctx, trx, p.id, period, photoId);
    if (!mayRemove(actor, (await rightsOn(ctx, trx, actor, p)).edit, ph)) throw new Forbidden('projectReport.photoNotYours');
    const report = await trx.selectFrom('projectReports').select(['id', 'dueOn', 'corrections']).where('id', '=', ph.reportId).executeTakeFirstOrThrow();
    const before = { photoId: ph.id, filename: ph.filename, size: ph.size, sha256: ph.sha256, uploadedByName: ph.uploadedByName, uploadedAt: ph.uploadedAt };
    const now = ctx.clock.now().toISOString();
    const closed = isClosed(shanghaiDate(ctx.clock.now()), report.dueOn);
    const why = reason?.trim();
    if (closed && !why) throw new Invalid({ field: 'reason', code: 'projectReport.reasonRequired', params: { dueOn: report.dueOn } });
    await trx.deleteFrom('projectReportPhotos').where('id', '=', ph.id).execute();
    if (closed) {
      await trx.updateTable('projectReports').set({ corrections: report.corrections + 1 }).where('id', '=', report.id).execute();
      await trx.insertInto('projectReportCorrections').values({
        id: newId(), reportId: report.id, projectId: p.id, at: now, actorId: actor.userId, actorName: actor.displayName, reason: why!,
        beforeJson: JSON.stringify({ photo: ph.filename }), afterJson: JSON.stringify({ photo: null }),
      }).execute();
    }
    await audit(ctx, trx, actor, { action: 'project.report.photo_remove', entityType: 'project_report', entityId: report.id, before: { projectId: p.id, period, ...before }, after: closed ? { reason: why } : null });
    return ph.storagePath;
  });
  // The row is gone (its metadata and sha256 stay in the audit trail); the bytes go with it.
  await removeStoredFile(ctx.config.uploadDir, storagePath);
  return { ok: true as const };
}
