// 常态化: recurring work defined once opens each period's task by itself, exactly once per period.
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildRegion, buildUnit, buildUser, Client, type TestUser } from './factories.js';
import type { Ctx } from '../server/context.js';
import type { TestClock } from '../server/platform/clock.js';
import { runJobOnce } from '../server/jobs.js';

describeEachDb('recurring tasks (常态化)', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let clock: TestClock;
  let region: string; let unitA: string; let supU: TestUser; let staffAU: TestUser; let sup: Client; let staffA: Client;
  const R: Record<string, any> = {};

  const day = async (iso: string) => {
    clock.set(iso);
    sup = new Client(app); await sup.login(supU);
    staffA = new Client(app); await staffA.login(staffAU);
  };
  const define = async (name: string, over: Record<string, unknown>) => {
    const r = await sup.post('/api/v1/recurring-tasks', { source: 'key_work', title: `${name}检查`, leadUnitId: unitA, cadence: 'once', openWorkday: 1, deadlineWorkdays: 10, ...over });
    expect(r.statusCode, r.body).toBe(201);
    R[name] = r.json();
    return R[name];
  };
  const tasksOf = (name: string) => ctx.db.selectFrom('tasks').select(['id', 'title', 'startDate', 'deadline', 'status', 'createdBy', 'leadUnitId'])
    .where('recurringId', '=', R[name].id).orderBy('startDate').execute();
  const open = async () => {
    const out = await runJobOnce(ctx, 'open-recurring');
    expect(out.ran).toBe(true);
    return (out as { result: { opened: number; alreadyOpen: number; failed: { id: string; error: string }[] } }).result;
  };

  beforeAll(async () => {
    ({ app, ctx, clock } = await testApp(getDb()));
    region = (await buildRegion(ctx)).code;
    unitA = (await buildUnit(ctx, region)).id;
    const office = (await buildUnit(ctx, region)).id;
    clock.set('2026-11-02T01:00:00Z');
    supU = await buildUser(ctx, { regionCode: region, unitId: office, roles: ['supervisor'], displayName: '督查室张三' });
    staffAU = await buildUser(ctx, { regionCode: region, unitId: unitA, roles: ['unit_staff'] });
    await day('2026-11-02T01:00:00Z'); // Monday 09:00, the first working day of November 2026
  });

  it('defines monthly, quarterly and yearly work once, with the day each first opens', async () => {
    expect(await define('月度', { frequency: 'monthly' })).toMatchObject({ frequency: 'monthly', periodMonth: 1, openWorkday: 1, deadlineWorkdays: 10, active: true, nextRunOn: '2026-11-02', periods: [] });
    expect((await define('季度', { frequency: 'quarterly', periodMonth: 3, deadlineWorkdays: 5 })).nextRunOn).toBe('2026-12-01');
    expect((await define('年度', { frequency: 'yearly', periodMonth: 12, openWorkday: 2, cadence: 'monthly', coUnitIds: [] })).nextRunOn).toBe('2026-12-02');
    expect((await define('暂停', { frequency: 'monthly', active: false })).active).toBe(false);
    const list = (await sup.get('/api/v1/recurring-tasks?active=true')).json();
    expect(list.total).toBe(3);
    expect(list.items.map((x: any) => x.title).sort()).toEqual(['季度检查', '年度检查', '月度检查']);
    expect(R.年度.template).toMatchObject({ source: 'key_work', title: '年度检查', leadUnitId: unitA, cadence: 'monthly' });
  });

  it('opens this month\'s task on its day through the loop: numbered, deadline in working days, the unit told', async () => {
    const out = await open();
    expect(out).toEqual({ opened: 1, alreadyOpen: 0, failed: [] });
    const [t] = await tasksOf('月度');
    expect(t).toMatchObject({ title: '月度检查（2026年11月）', startDate: '2026-11-02', deadline: '2026-11-16', status: 'assigned', createdBy: supU.id, leadUnitId: unitA });
    const detail = (await sup.get(`/api/v1/recurring-tasks/${R.月度.id}`)).json();
    expect(detail).toMatchObject({ nextRunOn: '2026-12-01', periods: [{ period: '2026-11', taskId: t.id, openedOn: '2026-11-02' }] });
    const inbox = (await staffA.get('/api/v1/notifications')).json();
    expect(inbox.items.find((n: any) => n.taskId === t.id)).toMatchObject({ kind: 'task.assign' });
    const audit = await ctx.db.selectFrom('auditLog').select(['action', 'actorName']).where('entityId', '=', t.id).execute();
    expect(audit).toEqual([{ action: 'task.assign', actorName: '常态化任务(luoshi-jobs)' }]);
    const view = (await staffA.get(`/api/v1/tasks/${t.id}`)).json();
    expect(view.task.serial).toMatch(/^2026-\d{4}$/);
  });

  it('opens a period once, whatever the number of runs, at once or after a re-plan', async () => {
    await open();
    await Promise.all([runJobOnce(ctx, 'open-recurring', { lease: false }), runJobOnce(ctx, 'open-recurring', { lease: false })]);
    // Re-planning from today (the rule is touched) points back at November, which was opened already.
    const r = await sup.patch(`/api/v1/recurring-tasks/${R.月度.id}`, { openWorkday: 1 });
    expect(r.json().nextRunOn).toBe('2026-11-02');
    expect(await open()).toEqual({ opened: 0, alreadyOpen: 1, failed: [] });
    expect(await tasksOf('月度')).toHaveLength(1);
    expect((await sup.get(`/api/v1/recurring-tasks/${R.月度.id}`)).json().nextRunOn).toBe('2026-12-01');
    expect(await tasksOf('季度')).toEqual([]);
  });

  it('opens the next month, the quarter (in its last month) and the year on their days; never a paused one', async () => {
    await day('2026-12-01T01:00:00Z'); // Tuesday, first working day of December
    expect(await open()).toEqual({ opened: 2, alreadyOpen: 0, failed: [] });
    expect((await tasksOf('月度')).map((t) => [t.title, t.startDate, t.deadline])).toEqual([
      ['月度检查（2026年11月）', '2026-11-02', '2026-11-16'], ['月度检查（2026年12月）', '2026-12-01', '2026-12-15'],
    ]);
    expect((await tasksOf('季度')).map((t) => [t.title, t.deadline])).toEqual([['季度检查（2026年第4季度）', '2026-12-08']]);
    expect(await tasksOf('年度')).toEqual([]);
    await day('2026-12-02T01:00:00Z');
    expect(await open()).toEqual({ opened: 1, alreadyOpen: 0, failed: [] });
    expect((await tasksOf('年度')).map((t) => t.title)).toEqual(['年度检查（2026年度）']);
    expect(await tasksOf('暂停')).toEqual([]);
    // Switched back on, it plans from today: January's first working day, not the months it slept through.
    const on = await sup.patch(`/api/v1/recurring-tasks/${R.暂停.id}`, { active: true });
    expect(on.json()).toMatchObject({ active: true });
    expect(on.json().nextRunOn.slice(0, 7)).toBe('2027-01');
    expect(await open()).toEqual({ opened: 0, alreadyOpen: 0, failed: [] });
  });

  it('reports a definition that can no longer open (a rule tightened since) and opens nothing half-way', async () => {
    await define('周报', { frequency: 'monthly', openWorkday: 3, cadence: 'weekly' }); // opens 2026-12-03
    await ctx.db.insertInto('settings').values({ key: 'tasks.maxReportFrequency', value: JSON.stringify('monthly'), updatedAt: clock.now().toISOString() })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify('monthly') })).execute();
    await day('2026-12-03T01:00:00Z');
    const out = await open();
    expect(out.failed).toEqual([{ id: R.周报.id, error: 'cadence: task.cadenceTooFrequent' }]);
    expect(await tasksOf('周报')).toEqual([]);
    expect((await sup.get(`/api/v1/recurring-tasks/${R.周报.id}`)).json()).toMatchObject({ nextRunOn: '2026-12-03', periods: [] });
    await ctx.db.deleteFrom('settings').where('key', '=', 'tasks.maxReportFrequency').execute();
    expect((await open()).opened).toBe(1); // retried on the next run
  });

  it('refuses bad definitions with every field named, and people who may not assign', async () => {
    const bad = async (body: Record<string, unknown>, fields: string[]) => {
      const r = await sup.post('/api/v1/recurring-tasks', { source: 'key_work', title: '某项检查', leadUnitId: unitA, frequency: 'monthly', openWorkday: 1, deadlineWorkdays: 5, ...body });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().errors.map((e: any) => e.field).sort()).toEqual(fields);
      return r.json();
    };
    const q = await bad({ frequency: 'quarterly', periodMonth: 4, leadUnitId: 'nope' }, ['leadUnitId', 'periodMonth']);
    expect(q.errors.find((e: any) => e.field === 'periodMonth').message).toBe('periodMonth 超出该频次的月份范围（1–3）');
    await bad({ deadline: '2026-12-31' }, ['deadline']);
    await bad({ startDate: '2026-12-01' }, ['startDate']);
    await bad({ frequency: 'weekly' }, ['frequency']);
    await bad({ openWorkday: 0, deadlineWorkdays: undefined }, ['deadlineWorkdays', 'openWorkday']);
    await bad({ frequency: 'monthly', periodMonth: 2 }, ['periodMonth']);
    const count = (await ctx.db.selectFrom('recurringTasks').select('id').execute()).length;
    expect((await staffA.post('/api/v1/recurring-tasks', { source: 'key_work', title: '某项检查', leadUnitId: unitA, frequency: 'monthly', openWorkday: 1, deadlineWorkdays: 5 })).statusCode).toBe(403);
    expect((await staffA.get('/api/v1/recurring-tasks')).statusCode).toBe(403);
    expect((await ctx.db.selectFrom('recurringTasks').select('id').execute()).length).toBe(count);
  });

  it('keeps definitions to their region, and removing one leaves the tasks it opened', async () => {
    const other = new Client(app);
    await other.login(await buildUser(ctx, { regionCode: (await buildRegion(ctx)).code, roles: ['supervisor'] }));
    expect((await other.get(`/api/v1/recurring-tasks/${R.月度.id}`)).statusCode).toBe(404);
    expect((await other.get('/api/v1/recurring-tasks')).json().total).toBe(0);
    expect((await other.delete(`/api/v1/recurring-tasks/${R.月度.id}`)).statusCode).toBe(404);
    expect((await sup.delete(`/api/v1/recurring-tasks/${R.月度.id}`)).statusCode).toBe(200);
    expect((await sup.get(`/api/v1/recurring-tasks/${R.月度.id}`)).statusCode).toBe(404);
    expect(await tasksOf('月度')).toHaveLength(2);
    const audit = await ctx.db.selectFrom('auditLog').select('action').where('entityId', '=', R.月度.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['recurring.create', 'recurring.update', 'recurring.delete']);
  });
});
