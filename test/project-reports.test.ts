import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildTrackingWorld, insertProject, type TrackingWorld } from './project-tracking-fixtures.js';
import { auditSince, lastSeq } from './world.js';
import type { Ctx } from '../server/context.js';
import type { TestClock } from '../server/platform/clock.js';
import { inTransaction } from '../server/context.js';
import { investmentToDate, recordYearToDate } from '../server/modules/projects/reports-read.js';
import { loadActor } from '../server/platform/access/load-actor.js';

describeEachDb('月报 monthly project reports', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let clock: TestClock; let w: TrackingWorld; let project: string;
  beforeAll(async () => {
    ({ app, ctx, clock } = await testApp(getDb()));
    clock.set('2026-11-02T01:00:00Z'); // Monday; October's report is due Thursday 5 November
    w = await buildTrackingWorld(app, ctx);
    project = (await insertProject(ctx, w)).id;
  });
  const put = (c = w.staff, period: string, body: Record<string, unknown>) => c.put(`/api/v1/projects/${project}/reports/${period}`, body);

  it('files a month on time; the cumulative figures are derived, never typed', async () => {
    let r = await put(w.staff, '2026-10', { amount: 100, progressText: '主体结构施工至第5层' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ created: true, report: { period: '2026-10', amount: 100, yearToDate: 100, sinceStart: 100, late: false, closed: false, dueOn: '2026-11-05' } });
    r = await put(w.staff, '2025-12', { amount: 30, progressText: '场地平整' }); // a previous year's month: late, counts since the start only
    expect(r.json().report.late).toBe(true);
    r = await put(w.staff, '2026-09', { amount: 50.5, progressText: '基础施工' });
    expect(r.json().report).toMatchObject({ late: true, closed: true, yearToDate: 50.5 });
    const list = (await w.staff.get(`/api/v1/projects/${project}/reports`)).json();
    expect(list.items.map((i: any) => [i.period, i.yearToDate, i.sinceStart])).toEqual([['2026-10', 150.5, 180.5], ['2026-09', 50.5, 80.5], ['2025-12', 30, 30]]);
    expect(await investmentToDate(ctx.db, project, '2026-10')).toEqual({ yearToDate: 150.5, sinceStart: 180.5 });
    // Months owed since the start (March) and not filed are listed as missing.
    expect(list.missing.map((m: any) => m.period)).toEqual(['2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08']);
    // The body refuses a typed cumulative figure.
    r = await put(w.staff, '2026-10', { amount: 100, progressText: 'x', yearToDate: 150 });
    expect(r.statusCode).toBe(400);
  });

  it('starts the form from last month’s report', async () => {
    const f = (await w.staff.get(`/api/v1/projects/${project}/reports/form?period=2026-11`)).json();
    expect(f).toMatchObject({ period: '2026-11', exists: false, amount: null, progressText: '主体结构施工至第5层', previous: { period: '2026-10', amount: 100 }, yearToDateBefore: 150.5, sinceStartBefore: 180.5, dueOn: '2026-12-07', closed: false });
    const existing = (await w.staff.get(`/api/v1/projects/${project}/reports/form?period=2026-10`)).json();
    expect(existing).toMatchObject({ exists: true, amount: 100, version: 1 });
  });

  it('changes an open month freely; after the period closes only with a reason, kept and audited', async () => {
    let r = await put(w.staff, '2026-10', { amount: 120, progressText: '主体结构施工至第6层', version: 1 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().report).toMatchObject({ amount: 120, version: 2, corrections: [] });
    clock.set('2026-11-06T01:00:00Z'); // the day after the due date: closed
    await w.relogin();
    r = await put(w.staff, '2026-10', { amount: 130, progressText: '主体结构施工至第6层', version: 2 });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0]).toMatchObject({ field: 'reason', code: 'projectReport.reasonRequired' });
    expect((await w.staff.get(`/api/v1/projects/${project}/reports`)).json().items[0].amount).toBe(120);
    const seq = await lastSeq(ctx);
    r = await put(w.staff, '2026-10', { amount: 130, progressText: '主体结构施工至第6层', version: 2, reason: '漏报设备采购款10万元' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().report.corrections).toMatchObject([{ reason: '漏报设备采购款10万元', before: { amount: 120 }, after: { amount: 130 } }]);
    expect(r.json().report.yearToDate).toBe(180.5);
    const entries = await auditSince(ctx, seq);
    expect(entries.map((e) => e.action)).toEqual(['project.report.correct']);
    // A stale version is refused.
    r = await put(w.staff, '2026-10', { amount: 1, progressText: 'x', version: 2, reason: '再改' });
    expect(r.statusCode).toBe(409);
  });

  it('refuses a month not yet begun, readers without the right, and units outside the scope', async () => {
    expect((await put(w.staff, '2026-12', { amount: 1, progressText: '提前' })).statusCode).toBe(400);
    expect((await put(w.viewer, '2026-11', { amount: 1, progressText: 'x' })).statusCode).toBe(403);
    expect((await put(w.leader, '2026-11', { amount: 1, progressText: 'x' })).statusCode).toBe(403);
    expect((await put(w.otherStaff, '2026-11', { amount: 1, progressText: 'x' })).statusCode).toBe(404);
    expect((await w.otherStaff.get(`/api/v1/projects/${project}/reports`)).statusCode).toBe(404);
    expect((await w.leader.get(`/api/v1/projects/${project}/reports`)).statusCode).toBe(200);
  });

  it('takes a ledger’s 1-N月 figure through the one door: the month is the difference, a differing report is corrected', async () => {
    const actor = await loadActor(ctx, w.supUser.id, null);
    expect(await inTransaction(ctx, (trx) => recordYearToDate(ctx, trx, actor!, project, '2026-10', 180.5))).toBe('unchanged');
    expect(await inTransaction(ctx, (trx) => recordYearToDate(ctx, trx, actor!, project, '2026-10', 200))).toBe('corrected');
    const items = (await w.staff.get(`/api/v1/projects/${project}/reports`)).json().items;
    expect(items[0]).toMatchObject({ period: '2026-10', amount: 149.5, yearToDate: 200 });
    expect(items[0].corrections.at(-1).reason).toMatch(/台账导入/);
    expect(await inTransaction(ctx, (trx) => recordYearToDate(ctx, trx, actor!, project, '2026-11', 260))).toBe('created');
    await expect(inTransaction(ctx, (trx) => recordYearToDate(ctx, trx, actor!, project, '2026-08', 10))).resolves.toBe('created');
    await expect(inTransaction(ctx, (trx) => recordYearToDate(ctx, trx, actor!, project, '2026-09', 5))).rejects.toMatchObject({ status: 400 });
  });
});
