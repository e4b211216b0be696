// 月报 形象进度 photos: optional evidence on a filed monthly report — up to nine, images checked by their first bytes,
// served to whoever may read the project, removed by the unit that uploaded them (after the period closes only with a
// reason, kept with the report's corrections and audited).
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildTrackingWorld, insertProject, type TrackingWorld } from './project-tracking-fixtures.js';
import { auditSince, countRows, lastSeq } from './world.js';
import type { Ctx } from '../server/context.js';
import type { TestClock } from '../server/platform/clock.js';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(300, 7), Buffer.from([0xff, 0xd9])]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(120, 1)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x40, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(60, 2)]);

describeEachDb('月报 photos', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let clock: TestClock; let w: TrackingWorld; let project: string; let uploadDir: string;
  beforeAll(async () => {
    uploadDir = mkdtempSync(join(tmpdir(), 'luoshi-photos-'));
    ({ app, ctx, clock } = await testApp(getDb(), { uploadDir }));
    clock.set('2026-11-02T01:00:00Z'); // Monday; October's report is due Thursday 5 November
    w = await buildTrackingWorld(app, ctx);
    project = (await insertProject(ctx, w)).id;
    const r = await w.staff.put(`/api/v1/projects/${project}/reports/2026-10`, { amount: 100, progressText: '主体结构施工至第5层' });
    expect(r.statusCode, r.body).toBe(200);
  });
  const photosUrl = (period = '2026-10') => `/api/v1/projects/${project}/reports/${period}/photos`;
  const reportOf = async (c = w.staff, period = '2026-10') => (await c.get(`/api/v1/projects/${project}/reports`)).json().items.find((i: any) => i.period === period);

  it('adds a photo to a filed report, lists it on the report and the form, and serves the same bytes to readers', async () => {
    const seq = await lastSeq(ctx);
    const up = await w.staff.upload(photosUrl(), '施工现场.jpg', JPEG);
    expect(up.statusCode, up.body).toBe(201);
    const photo = up.json();
    expect(photo).toMatchObject({ filename: '施工现场.jpg', mime: 'image/jpeg', size: JPEG.length, by: '住建局填报员', canRemove: true });
    expect((await auditSince(ctx, seq)).map((e) => e.action)).toEqual(['project.report.photo_add']);

    const listed = (await reportOf()).photos;
    expect(listed).toEqual([{ id: photo.id, filename: '施工现场.jpg', mime: 'image/jpeg', size: JPEG.length, uploadedAt: photo.uploadedAt, by: '住建局填报员', canRemove: true }]);
    const form = (await w.staff.get(`/api/v1/projects/${project}/reports/form?period=2026-10`)).json();
    expect(form.photos.map((p: any) => p.id)).toEqual([photo.id]);
    // A reader sees it but may not remove it.
    expect((await reportOf(w.leader)).photos[0]).toMatchObject({ id: photo.id, canRemove: false });

    for (const c of [w.staff, w.leader, w.viewer, w.sup]) {
      const dl = await c.get(`${photosUrl()}/${photo.id}`);
      expect(dl.statusCode).toBe(200);
      expect(dl.headers['content-type']).toBe('image/jpeg');
      expect(dl.headers['x-content-type-options']).toBe('nosniff');
      expect(dl.rawPayload.equals(JPEG)).toBe(true);
    }
    // The photo is found only under its own project and month.
    expect((await w.staff.get(`${photosUrl('2026-09')}/${photo.id}`)).statusCode).toBe(404);
  });

  it('refuses another type, a renamed executable and a month not filed yet, naming the field and writing nothing', async () => {
    const before = await countRows(ctx, 'project_report_photos');
    const seq = await lastSeq(ctx);
    for (const [name, data] of [['说明.pdf', Buffer.from('%PDF-1.4 x')], ['动图.gif', Buffer.from('GIF89a....')], ['现场.heic', Buffer.from('....ftypheic')]] as const) {
      const r = await w.staff.upload(photosUrl(), name, data);
      expect(r.statusCode, name).toBe(400);
      expect(r.json().errors[0]).toMatchObject({ field: 'file', code: 'invalid.enum' });
    }
    const exe = await w.staff.upload(photosUrl(), 'photo.jpg', Buffer.from('MZ\x90\x00 this program cannot be run in DOS mode'));
    expect(exe.statusCode).toBe(400);
    expect(exe.json().errors[0]).toMatchObject({ field: 'file', code: 'invalid.format' });
    const pngAsJpeg = await w.staff.upload(photosUrl(), 'photo.png', JPEG);
    expect(pngAsJpeg.json().errors[0]).toMatchObject({ field: 'file', code: 'invalid.format' });
    const notFiled = await w.staff.upload(photosUrl('2026-11'), '现场.jpg', JPEG);
    expect(notFiled.statusCode).toBe(400);
    expect(notFiled.json().errors[0]).toMatchObject({ field: 'period', code: 'projectReport.photoNeedsReport' });
    expect(await countRows(ctx, 'project_report_photos')).toBe(before);
    expect(await lastSeq(ctx)).toBe(seq);
  });

  it('keeps photos to the project’s people: another unit can neither upload nor see them; a reader cannot upload', async () => {
    const photo = (await reportOf()).photos[0];
    expect((await w.otherStaff.upload(photosUrl(), '别人的.jpg', JPEG)).statusCode).toBe(404);
    expect((await w.otherStaff.get(`${photosUrl()}/${photo.id}`)).statusCode).toBe(404);
    expect((await w.viewer.upload(photosUrl(), '看客.jpg', JPEG)).statusCode).toBe(403);
    expect((await w.leader.upload(photosUrl(), '领导.jpg', JPEG)).statusCode).toBe(403);
    expect((await w.otherStaff.delete(`${photosUrl()}/${photo.id}`)).statusCode).toBe(404);
  });

  it('takes JPEG, PNG and WebP up to nine photos a report; the tenth is refused', async () => {
    const have = (await reportOf()).photos.length;
    const kinds = [['b.png', PNG], ['c.webp', WEBP], ['d.JPEG', JPEG]] as const;
    for (let i = have; i < 9; i++) {
      const [name, data] = kinds[i % kinds.length];
      const r = await w.staff.upload(photosUrl(), `${i}-${name}`, data);
      expect(r.statusCode, r.body).toBe(201);
    }
    const list = (await reportOf()).photos;
    expect(list).toHaveLength(9);
    expect(new Set(list.map((p: any) => p.mime))).toEqual(new Set(['image/jpeg', 'image/png', 'image/webp']));
    const tenth = await w.staff.upload(photosUrl(), '第十张.jpg', JPEG);
    expect(tenth.statusCode).toBe(400);
    expect(tenth.json().errors[0]).toMatchObject({ field: 'file', code: 'projectReport.tooManyPhotos' });
    expect(tenth.json().errors[0].message).toContain('9');
    expect((await reportOf()).photos).toHaveLength(9);
    const png = list.find((p: any) => p.mime === 'image/png');
    const dl = await w.leader.get(`${photosUrl()}/${png.id}`);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.rawPayload.equals(PNG)).toBe(true);
  });

  it('removes a photo while the month is open; only the unit that uploaded it may', async () => {
    const [first, second] = (await reportOf()).photos;
    const stored = await ctx.db.selectFrom('projectReportPhotos').select('storagePath').where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(existsSync(join(uploadDir, stored.storagePath))).toBe(true);
    const sup = await w.sup.delete(`${photosUrl()}/${first.id}`);
    expect(sup.statusCode).toBe(403);
    expect(sup.json().code).toBe('projectReport.photoNotYours');
    expect((await w.viewer.delete(`${photosUrl()}/${first.id}`)).statusCode).toBe(403);
    const seq = await lastSeq(ctx);
    const r = await w.staff.delete(`${photosUrl()}/${first.id}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(existsSync(join(uploadDir, stored.storagePath))).toBe(false);
    const entries = await auditSince(ctx, seq);
    expect(entries.map((e) => e.action)).toEqual(['project.report.photo_remove']);
    const report = await reportOf();
    expect(report.photos.map((p: any) => p.id)).not.toContain(first.id);
    expect(report.photos[0].id).toBe(second.id);
    expect(report.corrections).toEqual([]);
    expect((await w.staff.get(`${photosUrl()}/${first.id}`)).statusCode).toBe(404);
    expect((await w.staff.delete(`${photosUrl()}/${first.id}`)).statusCode).toBe(404);
  });

  it('after the month closes a removal needs a reason, is kept with the report’s corrections and audited', async () => {
    clock.set('2026-11-06T01:00:00Z'); // the day after the due date
    await w.relogin();
    const photo = (await reportOf()).photos[0];
    const count = (await reportOf()).photos.length;
    let r = await w.staff.delete(`${photosUrl()}/${photo.id}`);
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0]).toMatchObject({ field: 'reason', code: 'projectReport.reasonRequired' });
    expect(r.json().errors[0].message).toContain('2026-11-05');
    r = await w.staff.delete(`${photosUrl()}/${photo.id}?reason=${encodeURIComponent('   ')}`);
    expect(r.statusCode).toBe(400);
    expect((await reportOf()).photos).toHaveLength(count);
    const seq = await lastSeq(ctx);
    r = await w.staff.delete(`${photosUrl()}/${photo.id}?reason=${encodeURIComponent('误传了其他项目的照片')}`);
    expect(r.statusCode, r.body).toBe(200);
    const report = await reportOf();
    expect(report.photos).toHaveLength(count - 1);
    expect(report.corrections).toMatchObject([{ reason: '误传了其他项目的照片', actorName: '住建局填报员', before: { photo: photo.filename }, after: { photo: null } }]);
    const entries = await auditSince(ctx, seq);
    expect(entries.map((e) => e.action)).toEqual(['project.report.photo_remove']);
    expect(JSON.parse(entries[0].afterJson!)).toEqual({ reason: '误传了其他项目的照片' });
    expect(JSON.parse(entries[0].beforeJson!)).toMatchObject({ photoId: photo.id, filename: photo.filename, period: '2026-10' });
    // Adding evidence to a closed month needs no reason, is audited, and is kept with the report's corrections as a late addition.
    const seqAdd = await lastSeq(ctx);
    const add = await w.staff.upload(photosUrl(), '补充.jpg', JPEG);
    expect(add.statusCode, add.body).toBe(201);
    const after = await reportOf();
    expect(after.photos.map((p: any) => p.id)).toContain(add.json().id);
    expect(after.corrections).toHaveLength(2);
    expect(after.corrections.find((c: any) => c.after?.photo === '补充.jpg')).toMatchObject({
      reason: '逾期后补充照片 / photo added after the due date', actorName: '住建局填报员', before: { photo: null }, after: { photo: '补充.jpg' },
    });
    const added = await auditSince(ctx, seqAdd);
    expect(added.map((e) => e.action)).toEqual(['project.report.photo_add']);
    expect(JSON.parse(added[0].afterJson!)).toMatchObject({ filename: '补充.jpg', reason: '逾期后补充照片 / photo added after the due date' });
    const row = await ctx.db.selectFrom('projectReportPhotos').select('storagePath').where('id', '=', add.json().id).executeTakeFirstOrThrow();
    expect(existsSync(join(uploadDir, row.storagePath))).toBe(true);
  });
});
