import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildRegion, buildUnit, buildUser, Client } from './factories.js';
import type { Ctx } from '../server/context.js';
import type { TestClock } from '../server/platform/clock.js';

describeEachDb('截止日历 deadline calendar', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let clock: TestClock;
  let unitA: string; let unitB: string; let sup: Client; let staffA: Client;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    ({ app, ctx, clock } = await testApp(getDb()));
    clock.set('2026-11-02T01:00:00Z');
    const region = (await buildRegion(ctx)).code;
    unitA = (await buildUnit(ctx, region)).id; unitB = (await buildUnit(ctx, region)).id;
    const office = (await buildUnit(ctx, region)).id;
    sup = new Client(app); await sup.login(await buildUser(ctx, { regionCode: region, unitId: office, roles: ['supervisor'] }));
    staffA = new Client(app); await staffA.login(await buildUser(ctx, { regionCode: region, unitId: unitA, roles: ['unit_staff'] }));
    const create = async (key: string, leadUnitId: string, deadline: string) => {
      const r = await sup.post('/api/v1/tasks', { source: 'instruction', title: `日历测试${key}`, leadUnitId, deadline });
      expect(r.statusCode, r.body).toBe(201);
      ids[key] = r.json().task.id;
      return r.json().task;
    };
    await create('a', unitA, '2026-11-04'); // near: yellow
    await create('b', unitA, '2026-11-30');
    await create('c', unitB, '2026-11-30');
    await create('d', unitB, '2026-12-01'); // next month
    const done = await create('e', unitA, '2026-11-30');
    await sup.post(`/api/v1/tasks/${done.id}/actions/cancel`, { version: done.version, comment: '重复交办，撤销' });
  });

  it('lists the open tasks by deadline day with counts by colour, and marks the working days', async () => {
    const res = await sup.get('/api/v1/tasks/calendar?month=2026-11');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ month: '2026-11', total: 3, truncated: false });
    expect(body.days).toHaveLength(30);
    const day = (d: string) => body.days.find((x: any) => x.date === d);
    expect(day('2026-11-04').counts).toEqual({ red: 0, yellow: 1, green: 0, total: 1 });
    expect(day('2026-11-30').counts).toEqual({ red: 0, yellow: 0, green: 2, total: 2 }); // the cancelled one is not open
    expect(day('2026-11-30').tasks.map((t: any) => t.id).sort()).toEqual([ids.b, ids.c].sort());
    expect(day('2026-11-28').workday).toBe(false); // Saturday
    expect(day('2026-11-30').workday).toBe(true);
  });

  it('is scoped and filtered like the list', async () => {
    const mine = (await staffA.get('/api/v1/tasks/calendar?month=2026-11')).json();
    expect(mine.total).toBe(2);
    const onlyB = (await sup.get(`/api/v1/tasks/calendar?month=2026-11&unitId=${unitB}`)).json();
    expect(onlyB.days.flatMap((d: any) => d.tasks.map((t: any) => t.id))).toEqual([ids.c]);
    expect((await sup.get('/api/v1/tasks/calendar?month=2026-12')).json().total).toBe(1);
  });

  it('refuses a malformed month', async () => {
    for (const m of ['2026-13', '2026-1', '']) {
      const r = await sup.get(`/api/v1/tasks/calendar?month=${m}`);
      expect(r.statusCode).toBe(400);
      expect(r.json().errors[0].field).toBe('month');
    }
  });
});
