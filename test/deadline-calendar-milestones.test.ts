// 截止日历: the milestones (节点) of open tasks appear on their due day, whatever the task's deadline; scoped and
// filtered like the tasks; a closed task's milestones do not.
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildRegion, buildUnit, buildUser, Client } from './factories.js';
import type { Ctx } from '../server/context.js';
import type { TestClock } from '../server/platform/clock.js';

describeEachDb('截止日历 milestones', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let clock: TestClock;
  let unitA: string; let unitB: string; let sup: Client; let staffB: Client;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    ({ app, ctx, clock } = await testApp(getDb()));
    clock.set('2026-11-02T01:00:00Z');
    const region = (await buildRegion(ctx)).code;
    unitA = (await buildUnit(ctx, region)).id; unitB = (await buildUnit(ctx, region)).id;
    const office = (await buildUnit(ctx, region)).id;
    sup = new Client(app); await sup.login(await buildUser(ctx, { regionCode: region, unitId: office, roles: ['supervisor'] }));
    staffB = new Client(app); await staffB.login(await buildUser(ctx, { regionCode: region, unitId: unitB, roles: ['unit_staff'] }));
    const create = async (key: string, leadUnitId: string, deadline: string, milestones: { title: string; dueDate: string }[]) => {
      const r = await sup.post('/api/v1/tasks', { source: 'key_work', title: `节点测试${key}`, leadUnitId, deadline, milestones });
      expect(r.statusCode, r.body).toBe(201);
      ids[key] = r.json().task.id;
      return r.json().task;
    };
    await create('a', unitA, '2026-12-30', [{ title: '完成方案编制', dueDate: '2026-11-16' }, { title: '完成招标', dueDate: '2026-12-10' }]);
    await create('b', unitB, '2026-12-30', [{ title: '完成选址', dueDate: '2026-11-16' }]);
    const gone = await create('c', unitA, '2026-12-30', [{ title: '撤销事项的节点', dueDate: '2026-11-20' }]);
    await sup.post(`/api/v1/tasks/${gone.id}/actions/cancel`, { version: gone.version, comment: '重复交办，撤销' });
  });

  it('puts the milestones of open tasks on their due day, with their task', async () => {
    const res = await sup.get('/api/v1/tasks/calendar?month=2026-11');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total).toBe(0); // no deadline this month: milestones are not counted as tasks
    const day = (d: string) => body.days.find((x: any) => x.date === d);
    const on16 = day('2026-11-16').milestones;
    expect(on16.map((m: any) => m.title).sort()).toEqual(['完成方案编制', '完成选址']);
    const a = on16.find((m: any) => m.task.id === ids.a);
    expect(a).toMatchObject({ done: false, task: { serial: expect.any(String), title: '节点测试a', leadUnit: { id: unitA } } });
    expect(['green', 'yellow', 'red']).toContain(a.task.rag);
    expect(day('2026-11-20').milestones).toEqual([]); // the cancelled task's
    expect(body.days.every((d: any) => Array.isArray(d.milestones))).toBe(true);
    const dec = (await sup.get('/api/v1/tasks/calendar?month=2026-12')).json();
    expect(dec.days.find((x: any) => x.date === '2026-12-10').milestones.map((m: any) => m.title)).toEqual(['完成招标']);
  });

  it('is scoped and filtered like the tasks', async () => {
    const mine = (await staffB.get('/api/v1/tasks/calendar?month=2026-11')).json();
    expect(mine.days.flatMap((d: any) => d.milestones.map((m: any) => m.task.id))).toEqual([ids.b]);
    const onlyA = (await sup.get(`/api/v1/tasks/calendar?month=2026-11&unitId=${unitA}`)).json();
    expect(onlyA.days.flatMap((d: any) => d.milestones.map((m: any) => m.title))).toEqual(['完成方案编制']);
  });
});
