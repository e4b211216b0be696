// The built working-day calendar is kept across requests and rebuilt when the administrator's entries change —
// from this process or from another one sharing the database — and never kept from a transaction that rolled back.
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildRegion, buildUnit, buildUser, Client } from './factories.js';
import type { Ctx } from '../server/context.js';
import type { TestClock } from '../server/platform/clock.js';
import { nextNumber } from '../server/db/counters.js';
import { loadCalendar, setDay } from '../server/modules/calendar/service.js';
import type { Actor } from '../server/platform/access/actor.js';
import { loadActor } from '../server/platform/access/load-actor.js';

describeEachDb('工作日历缓存 calendar cache', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let clock: TestClock;
  let sup: Client; let admin: Client; let adminActor: Actor;
  /** Another server process: the same database, its own kept calendar (the cache is per Database object). */
  let other: Ctx;
  let taskId: string;

  beforeAll(async () => {
    ({ app, ctx, clock } = await testApp(getDb()));
    clock.set('2026-11-23T01:00:00Z'); // Monday
    const region = (await buildRegion(ctx)).code;
    const unit = (await buildUnit(ctx, region)).id;
    const office = (await buildUnit(ctx, region)).id;
    sup = new Client(app); await sup.login(await buildUser(ctx, { regionCode: region, unitId: office, roles: ['supervisor'] }));
    const adminUser = await buildUser(ctx, { regionCode: region, roles: ['sysadmin'] });
    admin = new Client(app); await admin.login(adminUser, ctx);
    adminActor = (await loadActor(ctx, adminUser.id, '127.0.0.1'))!;
    other = { ...ctx, database: { ...ctx.database } };
    const r = await sup.post('/api/v1/tasks', { source: 'instruction', title: '日历缓存测试', leadUnitId: unit, deadline: '2026-12-04' });
    expect(r.statusCode, r.body).toBe(201);
    taskId = r.json().task.id;
  });

  const workdaysLeft = async () => (await sup.get(`/api/v1/tasks/${taskId}`)).json().task.workdaysLeft;

  it('keeps the built calendar while nothing changes', async () => {
    const a = await loadCalendar(ctx);
    expect(await loadCalendar(ctx)).toBe(a);
  });

  it('answers with the new calendar right after an administrator enters or removes a day', async () => {
    expect(await workdaysLeft()).toBe(9); // 11-24 … 12-04, Monday–Friday
    expect((await admin.put('/api/v1/calendar/days/2026-11-27', { workday: false, name: '测试假日' })).statusCode).toBe(200);
    expect(await workdaysLeft()).toBe(8);
    expect((await admin.put('/api/v1/calendar/days/2026-11-28', { workday: true, name: '调休' })).statusCode).toBe(200);
    expect(await workdaysLeft()).toBe(9);
    expect((await admin.delete('/api/v1/calendar/days/2026-11-27')).statusCode).toBe(200);
    expect(await workdaysLeft()).toBe(10);
    expect((await admin.delete('/api/v1/calendar/days/2026-11-28')).statusCode).toBe(200);
    expect(await workdaysLeft()).toBe(9);
  });

  it('sees a change made by another process', async () => {
    expect((await loadCalendar(other)).isWorkday('2026-12-01')).toBe(true); // the other process keeps its calendar
    await setDay(ctx, adminActor, '2026-12-01', false, '另一进程录入');
    expect((await loadCalendar(other)).isWorkday('2026-12-01')).toBe(false);
    await setDay(other, adminActor, '2026-12-01', true, null);
    expect((await loadCalendar(ctx)).isWorkday('2026-12-01')).toBe(true);
  });

  it('sees an entry written to the table directly, not through the service', async () => {
    expect((await loadCalendar(ctx)).isWorkday('2026-12-02')).toBe(true);
    await ctx.db.insertInto('calendarDays').values({ date: '2026-12-02', workday: 0, name: null, updatedAt: clock.now().toISOString(), updatedBy: null }).execute();
    expect((await loadCalendar(ctx)).isWorkday('2026-12-02')).toBe(false);
    await ctx.db.deleteFrom('calendarDays').where('date', '=', '2026-12-02').execute();
    expect((await loadCalendar(ctx)).isWorkday('2026-12-02')).toBe(true);
  });

  it('does not keep what a rolled-back transaction saw', async () => {
    await expect(ctx.db.transaction().execute(async (trx) => {
      await nextNumber(trx, 'calendar-version');
      await trx.insertInto('calendarDays').values({ date: '2026-12-03', workday: 0, name: null, updatedAt: clock.now().toISOString(), updatedBy: null }).execute();
      expect((await loadCalendar(ctx, trx)).isWorkday('2026-12-03')).toBe(false);
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect((await loadCalendar(ctx)).isWorkday('2026-12-03')).toBe(true);
    // The same version number, committed this time with another day: the kept calendar is not mistaken for it.
    await setDay(ctx, adminActor, '2026-12-04', false, null);
    const cal = await loadCalendar(ctx);
    expect([cal.isWorkday('2026-12-03'), cal.isWorkday('2026-12-04')]).toEqual([true, false]);
  });

  it('refuses a day that is not a real date or lies outside 2000–2100', async () => {
    for (const d of ['2026-02-30', '1999-12-31', '2101-01-01']) {
      const r = await admin.put(`/api/v1/calendar/days/${d}`, { workday: false });
      expect(r.statusCode, d).toBe(400);
      expect(r.body).toContain('date');
    }
  });
});
