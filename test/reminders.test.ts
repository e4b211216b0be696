// 催办: reminders computed at the boundaries on the working-day calendar, each sent once, gathered into one digest per
// person per day (and one robot message per unit). The clock walks through one week of November 2026 (no holidays);
// clients sign in again each day, as people do.
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildRegion, buildUnit, buildUser, Client, type TestUser } from './factories.js';
import type { Ctx } from '../server/context.js';
import type { TestClock } from '../server/platform/clock.js';
import { runJobOnce } from '../server/jobs.js';

describeEachDb('reminders (催办) and daily digests', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let clock: TestClock;
  let region: string; let unitA: string; let unitB: string;
  let supU: TestUser; let staffAU: TestUser; let adminAU: TestUser; let staffBU: TestUser;
  let sup: Client; let staffA: Client;
  const T: Record<string, { id: string; serial: string; version: number }> = {};

  const day = async (iso: string) => {
    clock.set(iso);
    sup = new Client(app); await sup.login(supU);
    staffA = new Client(app); await staffA.login(staffAU);
  };
  const create = async (name: string, over: Record<string, unknown>) => {
    const r = await sup.post('/api/v1/tasks', { source: 'key_work', title: `重点工作${name}${Math.random()}`, leadUnitId: unitA, deadline: '2026-12-31', cadence: 'once', ...over });
    expect(r.statusCode, r.body).toBe(201);
    T[name] = r.json().task;
  };
  const remindersOf = async (...names: string[]) => (await ctx.db.selectFrom('reminders').select(['taskId', 'kind', 'dueKey'])
    .where('taskId', 'in', names.map((n) => T[n].id)).execute())
    .map((r) => `${Object.keys(T).find((n) => T[n].id === r.taskId)} ${r.kind}:${r.dueKey}`).sort();
  const digestsOf = (u: TestUser) => ctx.db.selectFrom('notifications').select(['title', 'body', 'createdAt', 'taskId'])
    .where('userId', '=', u.id).where('kind', '=', 'digest').orderBy('createdAt').orderBy('id').execute();
  const robotDigests = async () => (await ctx.db.selectFrom('webhookDeliveries').select('payloadJson').execute())
    .map((d) => JSON.parse(d.payloadJson)).filter((p) => JSON.stringify(p).includes('今日督办提醒'));

  beforeAll(async () => {
    ({ app, ctx, clock } = await testApp(getDb(), { webhookAllowHttpLoopback: true }));
    clock.set('2026-11-02T01:00:00Z');
    region = (await buildRegion(ctx)).code;
    unitA = (await buildUnit(ctx, region, { name: `甲局${Math.random()}` })).id; unitB = (await buildUnit(ctx, region)).id;
    const office = (await buildUnit(ctx, region)).id;
    supU = await buildUser(ctx, { regionCode: region, unitId: office, roles: ['supervisor'] });
    staffAU = await buildUser(ctx, { regionCode: region, unitId: unitA, roles: ['unit_staff'] });
    adminAU = await buildUser(ctx, { regionCode: region, unitId: unitA, roles: ['unit_admin'] });
    staffBU = await buildUser(ctx, { regionCode: region, unitId: unitB, roles: ['unit_staff'] });
    await day('2026-11-02T01:00:00Z'); // Monday 09:00 in Shanghai
    // Robots: one for unit A's group, one for the whole county (the 督查室's group). Never sent here (no delivery job).
    for (const body of [{ unitId: unitA, kind: 'wecom', url: 'http://127.0.0.1:9/a' }, { kind: 'dingtalk', url: 'http://127.0.0.1:9/county' }]) {
      expect((await sup.post('/api/v1/webhooks', body)).statusCode).toBe(201);
    }
    await create('today', { deadline: '2026-11-02' });
    await create('near', { deadline: '2026-11-05' }); // Thursday: 3 working days away
    await create('far', { deadline: '2026-11-06' }); // Friday: 4 working days away
    await create('sat', { deadline: '2026-11-07' }); // Saturday: still 4 working days away
    await create('over', { startDate: '2026-10-12', deadline: '2026-10-30' });
    await create('b', { leadUnitId: unitB, deadline: '2026-11-03' });
    await create('weekly', { cadence: 'weekly' });
    await create('unaccepted', {});
    const r = await staffA.post(`/api/v1/tasks/${T.weekly.id}/actions/accept`, { version: T.weekly.version });
    expect(r.statusCode, r.body).toBe(200);
    T.weekly = r.json();
  });

  it('Monday: reminds of deadlines 0–3 working days away and of a passed deadline, not of 4 working days away', async () => {
    const out = await runJobOnce(ctx, 'reminders');
    expect(out.ran).toBe(true);
    expect(await remindersOf('today', 'near', 'far', 'sat', 'over', 'b', 'weekly', 'unaccepted')).toEqual([
      'b deadline_near:2026-11-03', 'near deadline_near:2026-11-05', 'over overdue:2026-10-30', 'today deadline_near:2026-11-02',
    ]);
  });

  it('Monday: one digest per person gathers the unit\'s reminders; other units get theirs; the supervisor none', async () => {
    for (const u of [staffAU, adminAU]) {
      const d = await digestsOf(u);
      expect(d).toHaveLength(1);
      expect(d[0].title).toBe('今日督办提醒：3 项事项需要办理');
      for (const n of ['today', 'near', 'over']) expect(d[0].body).toContain(T[n].serial);
      for (const n of ['far', 'sat', 'b']) expect(d[0].body).not.toContain(T[n].serial);
      expect(d[0].body).toContain(`${T.over.serial}「`);
      expect(d[0].body).toContain('已超过截止日期 2026-10-30');
    }
    const b = await digestsOf(staffBU);
    expect(b).toHaveLength(1);
    expect(b[0].taskId).toBe(T.b.id); // a digest of one task links to it
    expect(await digestsOf(supU)).toEqual([]);
    // The unit's robot gets one message, the county's robot one summary of all units.
    const robots = await robotDigests();
    expect(robots).toHaveLength(2);
    const wecom = robots.find((p) => p.markdown.content)!;
    expect(wecom.msgtype).toBe('markdown');
    expect(wecom.markdown.content).toMatch(/今日督办提醒（3 项）/);
    const county = robots.find((p) => p.markdown.title)!;
    expect(county.markdown.title).toBe('今日督办提醒汇总（4 项）');
    expect(county.markdown.text).toContain(T.b.serial);
    // Every reminder went out: all digested.
    expect(await ctx.db.selectFrom('reminders').select('taskId').where('digestedAt', 'is', null).execute()).toEqual([]);
  });

  it('Monday again, twice, and two runs at once: each reminder and each digest exists once', async () => {
    const before = await remindersOf(...Object.keys(T));
    const again = await runJobOnce(ctx, 'reminders');
    expect(again).toMatchObject({ ran: true, result: { reminders: 0, digests: { people: 0, units: 0, regions: 0 } } });
    await Promise.all([runJobOnce(ctx, 'reminders', { lease: false }), runJobOnce(ctx, 'reminders', { lease: false })]);
    expect(await remindersOf(...Object.keys(T))).toEqual(before);
    for (const u of [staffAU, adminAU, staffBU]) expect(await digestsOf(u)).toHaveLength(1);
    expect(await robotDigests()).toHaveLength(2);
    expect(await ctx.db.selectFrom('digests').select('userId').where('userId', '=', staffAU.id).execute()).toHaveLength(1);
  });

  it('a run that finds the lease held by another process does nothing', async () => {
    await ctx.db.insertInto('locks').values({ name: 'job:reminders', holder: 'other-host:1:x', expiresAt: '2026-11-02T02:00:00.000Z' }).execute();
    expect(await runJobOnce(ctx, 'reminders')).toEqual({ job: 'reminders', ran: false, reason: 'locked' });
    clock.set('2026-11-02T02:00:01Z'); // the holder's lease has expired: taken over
    expect((await runJobOnce(ctx, 'reminders')).ran).toBe(true);
    expect(await ctx.db.selectFrom('locks').select('name').where('name', '=', 'job:reminders').execute()).toEqual([]);
  });

  it('Thursday: the next deadlines come into range; the report due tomorrow is reminded; a new digest holds only the new ones', async () => {
    await day('2026-11-05T01:00:00Z');
    await runJobOnce(ctx, 'reminders');
    expect(await remindersOf('today', 'near', 'far', 'sat', 'b', 'weekly', 'unaccepted')).toEqual([
      'b deadline_near:2026-11-03', 'b overdue:2026-11-03', 'far deadline_near:2026-11-06', 'near deadline_near:2026-11-05', 'sat deadline_near:2026-11-07',
      'today deadline_near:2026-11-02', 'today overdue:2026-11-02', 'weekly report_due:2026-11-06',
    ]);
    const d = await digestsOf(staffAU);
    expect(d).toHaveLength(2);
    expect(d[1].title).toBe('今日督办提醒：4 项事项需要办理');
    for (const n of ['far', 'sat', 'weekly']) expect(d[1].body).toContain(T[n].serial);
    expect(d[1].body).toContain(`${T.today.serial}「`); // Monday it was due today; now it is past its deadline
    expect(d[1].body).toContain('已超过截止日期 2026-11-02');
    for (const n of ['near', 'over']) expect(d[1].body).not.toContain(T[n].serial); // reminded on Monday already, nothing new
    expect(d[1].body).toContain('请于 2026-11-06 前反馈进展');
  });

  it('Friday: the acceptance limit (3 working days) has passed for the tasks never accepted', async () => {
    await day('2026-11-06T01:00:00Z');
    await runJobOnce(ctx, 'reminders');
    expect(await remindersOf('unaccepted', 'weekly')).toEqual(['unaccepted accept_overdue:2026-11-05', 'weekly report_due:2026-11-06']);
    expect((await digestsOf(staffAU)).at(-1)!.body).toContain(`${T.unaccepted.serial}「`);
  });

  it('a reminder that falls due after today\'s digest went out comes in tomorrow\'s, for everyone', async () => {
    await create('late', { deadline: '2026-11-06' });
    const out = await runJobOnce(ctx, 'reminders');
    expect(out).toMatchObject({ ran: true, result: { reminders: 1, digests: { people: 0 } } });
    expect((await digestsOf(staffAU)).at(-1)!.body).not.toContain(T.late.serial);
    await day('2026-11-09T01:00:00Z'); // next Monday
    await runJobOnce(ctx, 'reminders');
    for (const u of [staffAU, adminAU]) {
      const last = (await digestsOf(u)).at(-1)!;
      expect(last.createdAt).toBe('2026-11-09T01:00:00.000Z');
      expect(last.body).toContain(`${T.late.serial}「`);
    }
  });

  it('next Monday: a missed report is reminded once, after the colours were brought up to date', async () => {
    expect(await remindersOf('weekly')).toEqual(['weekly report_due:2026-11-06', 'weekly report_missed:1']);
    const t = await ctx.db.selectFrom('tasks').select(['ragOn', 'rag', 'missedReports']).where('id', '=', T.weekly.id).executeTakeFirstOrThrow();
    expect(t).toEqual({ ragOn: '2026-11-09', rag: 'yellow', missedReports: 1 });
    await runJobOnce(ctx, 'reminders');
    expect(await remindersOf('weekly')).toEqual(['weekly report_due:2026-11-06', 'weekly report_missed:1']);
  });

  it('sends nothing for tasks out of the unit\'s hands, and drops reminders of tasks completed before the digest', async () => {
    const r = await staffA.post(`/api/v1/tasks/${T.weekly.id}/actions/request_completion`, { version: (await sup.get(`/api/v1/tasks/${T.weekly.id}`)).json().task.version, comment: '已完成' });
    expect(r.statusCode, r.body).toBe(200);
    await ctx.db.insertInto('reminders').values({ taskId: T.weekly.id, kind: 'report_missed', dueKey: '9', createdAt: clock.now().toISOString(), digestedAt: null }).execute();
    await day('2026-11-16T01:00:00Z');
    await runJobOnce(ctx, 'reminders');
    expect(await remindersOf('weekly')).toEqual(['weekly report_due:2026-11-06', 'weekly report_missed:1', 'weekly report_missed:9']);
    expect((await digestsOf(staffAU)).at(-1)!.body).not.toContain(T.weekly.serial);
    expect(await ctx.db.selectFrom('reminders').select('taskId').where('digestedAt', 'is', null).execute()).toEqual([]);
  });
});
