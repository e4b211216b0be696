import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildTrackingWorld, insertProject, type TrackingWorld } from './project-tracking-fixtures.js';
import type { Ctx } from '../server/context.js';
import type { TestClock } from '../server/platform/clock.js';

describeEachDb('项目问题 and 现场办公 → tasks of the loop', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let clock: TestClock; let w: TrackingWorld; let project: string;
  beforeAll(async () => {
    ({ app, ctx, clock } = await testApp(getDb()));
    clock.set('2026-11-02T01:00:00Z');
    w = await buildTrackingWorld(app, ctx);
    project = (await insertProject(ctx, w, { name: '城东污水处理厂' })).id;
  });
  const act = (c: typeof w.sup, id: string, action: string, body: Record<string, unknown>) => c.post(`/api/v1/tasks/${id}/actions/${action}`, body);

  it('a problem opens a task (source 项目问题, project linked) that the 督查室 sees; its state shows on the project', async () => {
    let r = await w.staff.post(`/api/v1/projects/${project}/problems`, { kind: 'land', description: '二期用地指标未落实，影响管网施工', responsibleUnitId: w.otherUnit });
    expect(r.statusCode, r.body).toBe(201);
    const problem = r.json();
    expect(problem).toMatchObject({ kind: 'land', open: true, task: { status: 'assigned' } });
    const task = (await w.sup.get(`/api/v1/tasks/${problem.task.id}`)).json().task;
    expect(task).toMatchObject({ source: 'project_issue', origin: { type: 'project_issue', id: project }, leadUnit: { id: w.otherUnit }, leader: { id: w.leaderUser.id }, sourceTitle: '城东污水处理厂' });
    expect(task.title).toContain('【用地】城东污水处理厂');
    const console_ = (await w.sup.get('/api/v1/tasks?source=project_issue')).json();
    expect(console_.items.map((t: any) => t.id)).toContain(problem.task.id);
    // The responsible unit works it through the loop; the project shows the task's state.
    r = await act(w.sup, problem.task.id, 'reassign', { version: task.version, leadUnitId: w.leadUnit });
    expect(r.statusCode, r.body).toBe(200);
    r = await act(w.staff, problem.task.id, 'accept', { version: r.json().version });
    expect(r.statusCode, r.body).toBe(200);
    let list = (await w.staff.get(`/api/v1/projects/${project}/problems`)).json();
    expect(list.items[0].task.status).toBe('in_progress');
    expect([list.open, list.closed]).toEqual([1, 0]);
    r = await act(w.staff, problem.task.id, 'request_completion', { version: r.json().version, comment: '用地指标已调剂到位' });
    r = await act(w.sup, problem.task.id, 'complete', { version: r.json().version, quality: 4 });
    expect(r.json().status).toBe('completed');
    list = (await w.leader.get(`/api/v1/projects/${project}/problems`)).json();
    expect([list.open, list.closed]).toEqual([0, 1]);
    expect(list.items[0]).toMatchObject({ open: false, task: { status: 'completed' } });
  });

  it('refuses a bad kind, the viewer and units outside the project, writing nothing', async () => {
    expect((await w.staff.post(`/api/v1/projects/${project}/problems`, { kind: 'weather', description: '雨季' })).statusCode).toBe(400);
    expect((await w.viewer.post(`/api/v1/projects/${project}/problems`, { kind: 'funds', description: '资金未到位' })).statusCode).toBe(403);
    expect((await w.otherStaff.post(`/api/v1/projects/${project}/problems`, { kind: 'funds', description: '资金未到位' })).statusCode).toBe(404);
    expect((await w.staff.get(`/api/v1/projects/${project}/problems`)).json().items).toHaveLength(1);
  });

  it('a site visit records who came and what was decided; each decision is a 会议议定事项 task of the visiting leader', async () => {
    let r = await w.leader.post(`/api/v1/projects/${project}/visits`, {
      visitedOn: '2026-11-01', attendees: '李副县长、县住建局、县自然资源局、城关镇', summary: '现场协调管网施工和用地问题',
      decisions: [
        { content: '县自然资源局11月底前完成二期用地报批', leadUnitId: w.otherUnit, deadline: '2026-11-30' },
        { content: '县住建局协调管网迁改', leadUnitId: w.leadUnit, deadline: '2026-12-15' },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    const visit = r.json();
    expect(visit).toMatchObject({ visitedOn: '2026-11-01', leader: { id: w.leaderUser.id, name: '李副县长' } });
    expect(visit.decisions).toHaveLength(2);
    const t = (await w.sup.get(`/api/v1/tasks/${visit.decisions[0].task.id}`)).json().task;
    expect(t).toMatchObject({ source: 'meeting', needsLeaderSignoff: true, leader: { id: w.leaderUser.id }, leadUnit: { id: w.otherUnit }, deadline: '2026-11-30', origin: { type: 'project_issue', id: project } });
    expect((await w.staff.get(`/api/v1/projects/${project}/visits`)).json().items[0].decisions.map((d: any) => d.task.status)).toEqual(['assigned', 'assigned']);
    // Only the 督查室 or a leader records visits; the 督查室 must name the leader.
    expect((await w.staff.post(`/api/v1/projects/${project}/visits`, { visitedOn: '2026-11-01', attendees: 'x', decisions: [] })).statusCode).toBe(403);
    r = await w.sup.post(`/api/v1/projects/${project}/visits`, { visitedOn: '2026-11-01', attendees: '督查室', decisions: [] });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].field).toBe('leaderUserId');
    r = await w.sup.post(`/api/v1/projects/${project}/visits`, { leaderUserId: w.leaderUser.id, visitedOn: '2026-11-03', attendees: '督查室', decisions: [] });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].field).toBe('visitedOn');
  });

  it('sends a red project to the 督查室 in one step, once while open; the light says why', async () => {
    const green = (await w.sup.get(`/api/v1/projects/${project}/light`)).json();
    expect(green.light).toBe('red'); // no reports for 1–10月 against 1,200 万元 planned: 0% vs 83.3%
    expect(green.reasons[0].message).toContain('落后序时进度');
    const ok = (await insertProject(ctx, w, { name: '按序时推进的项目', yearPlans: { 2026: 120 } })).id;
    await w.staff.put(`/api/v1/projects/${ok}/reports/2026-10`, { amount: 100, progressText: '顺利推进' });
    const okLight = (await w.sup.get(`/api/v1/projects/${ok}/light`)).json();
    expect(okLight).toMatchObject({ light: 'green', completionRate: 83.3, timeShare: 83.3, canRefer: false });
    expect((await w.sup.post(`/api/v1/projects/${ok}/referral`, {})).statusCode).toBe(409);
    expect((await w.staff.post(`/api/v1/projects/${project}/referral`, {})).statusCode).toBe(403);
    const r = await w.leader.post(`/api/v1/projects/${project}/referral`, { note: '请督查室督办' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ kind: 'red_light', open: true });
    const task = (await w.sup.get(`/api/v1/tasks/${r.json().task.id}`)).json().task;
    expect(task).toMatchObject({ source: 'project_issue', level: 'key', title: '【红灯项目】城东污水处理厂' });
    const inbox = (await w.sup.get('/api/v1/notifications')).json();
    expect(JSON.stringify(inbox)).toContain('红灯项目报送：城东污水处理厂');
    const again = await w.sup.post(`/api/v1/projects/${project}/referral`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('projectLight.alreadyReferred');
  });
});
