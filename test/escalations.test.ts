import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildLeader, buildRegion, buildUnit, buildUser, Client } from './factories.js';
import { docxText, unzipEntry } from './unzip.js';
import type { Ctx } from '../server/context.js';
import type { TestClock } from '../server/platform/clock.js';

describeEachDb('督办 and 问责', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let clock: TestClock;
  let region: string; let unitA: { id: string; name: string }; let unitB: string; let otherRegionUnit: string;
  let sup: Client; let staffA: Client; let staffB: Client; let leader: Client; let viewer: Client;
  beforeAll(async () => {
    ({ app, ctx, clock } = await testApp(getDb()));
    clock.set('2026-11-02T01:00:00Z'); // Monday 09:00 in Shanghai
    region = (await buildRegion(ctx)).code;
    unitA = await buildUnit(ctx, region, { name: `县住建局${Math.random().toString(36).slice(2, 6)}` });
    unitB = (await buildUnit(ctx, region)).id;
    const office = (await buildUnit(ctx, region)).id;
    otherRegionUnit = (await buildUnit(ctx, (await buildRegion(ctx)).code)).id;
    sup = new Client(app); await sup.login(await buildUser(ctx, { regionCode: region, unitId: office, roles: ['supervisor'], displayName: '督查室张三' }));
    staffA = new Client(app); await staffA.login(await buildUser(ctx, { regionCode: region, unitId: unitA.id, roles: ['unit_staff'] }));
    staffB = new Client(app); await staffB.login(await buildUser(ctx, { regionCode: region, unitId: unitB, roles: ['unit_staff'] }));
    const leaderUser = await buildUser(ctx, { regionCode: region, unitId: office, roles: ['leader'] });
    await buildLeader(ctx, leaderUser, [unitB]);
    leader = new Client(app); await leader.login(leaderUser);
    viewer = new Client(app); await viewer.login(await buildUser(ctx, { regionCode: region, unitId: office, roles: ['viewer'] }));
  });

  const create = async (over: Record<string, unknown> = {}) => {
    const r = await sup.post('/api/v1/tasks', { source: 'instruction', sourceRef: '示政阅〔2026〕12号', title: `推进老旧小区改造${Math.random().toString(36).slice(2, 8)}`, leadUnitId: unitA.id, cadence: 'once', ...over });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().task;
  };
  /** Overdue since Friday 2026-10-30: red today. */
  const red = () => create({ startDate: '2026-10-12', deadline: '2026-10-30' });
  const escalate = (id: string, body: Record<string, unknown> = { requirement: '请立即组织力量加快推进，并书面说明滞后原因。' }) => sup.post(`/api/v1/tasks/${id}/escalations`, body);
  const countEscalations = async (taskId: string) => (await ctx.db.selectFrom('escalations').select('id').where('taskId', '=', taskId).execute()).length;

  it('issues a numbered notice for a red task, on the timeline and audited, replying in 3 working days by default', async () => {
    const t = await red();
    expect(t.rag).toBe('red');
    const r = await escalate(t.id);
    expect(r.statusCode, r.body).toBe(201);
    const e = r.json();
    expect(e.number).toMatch(/^督办〔2026〕\d+号$/);
    expect(e.number).toBe(`督办〔2026〕${e.seq}号`);
    expect(e.replyBy).toBe('2026-11-05'); // Mon 11-02 + 3 working days
    expect(e.issuedBy).toBe('督查室张三');
    const detail = (await sup.get(`/api/v1/tasks/${t.id}`)).json();
    const ev = detail.events.find((x: any) => x.action === 'escalate');
    expect(ev.data).toMatchObject({ escalationId: e.id, number: e.number, replyBy: '2026-11-05', rag: 'red' });
    expect(ev.comment).toBe('请立即组织力量加快推进，并书面说明滞后原因。');
    const audited = await ctx.db.selectFrom('auditLog').select(['action', 'entityId']).where('entityId', '=', e.id).execute();
    expect(audited).toEqual([{ action: 'task.escalate', entityId: e.id }]);
    const list = await staffA.get(`/api/v1/tasks/${t.id}/escalations`);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((x: any) => x.number)).toEqual([e.number]);
    // The lead unit hears of it in its inbox.
    const inbox = (await staffA.get('/api/v1/notifications')).json();
    const notice = inbox.items.find((n: any) => n.kind === 'task.escalate' && n.taskId === t.id);
    expect(notice.title).toBe(`督办通知（${e.number}）：${t.serial}「${t.title}」，请于 2026-11-05 前书面回复`);
    expect(notice.body).toBe('督办要求：请立即组织力量加快推进，并书面说明滞后原因。');
  });

  it('numbers notices one after another, unique under two simultaneous requests, with the region\'s prefix', async () => {
    const [t1, t2, t3] = [await red(), await red(), await red()];
    const [a, b] = await Promise.all([escalate(t1.id), escalate(t2.id)]);
    expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([201, 201]);
    const seqs = [a.json().seq, b.json().seq].sort((x, y) => x - y);
    expect(seqs[1]).toBe(seqs[0] + 1);
    expect(a.json().number).not.toBe(b.json().number);
    // The region's prefix is a setting the administrator keeps (region code → prefix, '*' for the others).
    const admin = new Client(app);
    const adminUser = await buildUser(ctx, { regionCode: region, roles: ['sysadmin'] });
    await admin.login(adminUser, ctx);
    const bad = await admin.patch('/api/v1/settings', { 'documents.escalationPrefix': { 'not-a-region': '示督办' } });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().errors[0].field).toContain('documents.escalationPrefix');
    const set = await admin.patch('/api/v1/settings', { 'documents.escalationPrefix': { [region]: '示督办', '*': '督办' } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()['documents.escalationPrefix']).toEqual({ [region]: '示督办', '*': '督办' });
    const c = (await escalate(t3.id)).json();
    expect(c.seq).toBe(seqs[1] + 1);
    expect(c.number).toBe(`示督办〔2026〕${c.seq}号`);
    const all = await ctx.db.selectFrom('escalations').select('seq').where('regionCode', '=', region).where('year', '=', 2026).execute();
    expect(new Set(all.map((x) => x.seq)).size).toBe(all.length);
  });

  it('refuses to escalate a green task or a finished one, with the reason (409), and writes nothing', async () => {
    const green = await create({ deadline: '2026-12-31' });
    const r = await escalate(green.id);
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('escalation.notRed');
    expect(r.json().detail).toContain('绿灯');
    expect(r.json().rag).toBe('green');
    expect(await countEscalations(green.id)).toBe(0);

    const t = await red();
    let s = (await staffA.post(`/api/v1/tasks/${t.id}/actions/accept`, { version: t.version })).json();
    s = (await staffA.post(`/api/v1/tasks/${t.id}/actions/request_completion`, { version: s.version, comment: '已完成' })).json();
    s = (await sup.post(`/api/v1/tasks/${t.id}/actions/complete`, { version: s.version })).json();
    expect(s.status).toBe('completed');
    const done = await escalate(t.id);
    expect(done.statusCode).toBe(409);
    expect(done.json().code).toBe('escalation.notOpen');
    expect(done.json().detail).toContain('已办结');
    expect(await countEscalations(t.id)).toBe(0);
  });

  it('refuses bad input with the field named, and anyone but the 督查室', async () => {
    const t = await red();
    const missing = await escalate(t.id, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: any) => e.field)).toEqual(['requirement']);
    const past = await escalate(t.id, { requirement: '请加快推进', replyBy: '2026-10-01' });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors).toMatchObject([{ field: 'replyBy', code: 'escalation.replyByPast' }]);
    const badDate = await escalate(t.id, { requirement: '请加快推进', replyBy: '11/05/2026' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().errors[0].field).toBe('replyBy');
    for (const c of [staffA, leader, viewer]) expect((await c.post(`/api/v1/tasks/${t.id}/escalations`, { requirement: '请加快推进' })).statusCode).toBe(403);
    expect((await escalate('nosuchtask')).statusCode).toBe(404);
    expect(await countEscalations(t.id)).toBe(0);
    const explicit = await escalate(t.id, { requirement: '请加快推进', replyBy: '2026-11-10' });
    expect(explicit.json().replyBy).toBe('2026-11-10');
  });

  it('downloads the 督办通知单 as .docx with the number, the task, its red reasons and the reply date; in scope only', async () => {
    const t = await red();
    const e = (await escalate(t.id, { requirement: '请于三日内制定整改方案。', replyBy: '2026-11-06' })).json();
    const res = await staffA.get(`/api/v1/escalations/${e.id}/docx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent(`督办通知单-${e.number}.docx`));
    const text = docxText(unzipEntry(res.rawPayload, 'word/document.xml')!);
    for (const s of [e.number, t.title, `${unitA.name}：`, '截止日期已过 1 个工作日', '请于三日内制定整改方案。', '2026年11月6日', '2026年10月30日', '领导批示', '督办通知单', '人民政府督查室']) {
      expect(text).toContain(s);
    }
    expect((await staffB.get(`/api/v1/escalations/${e.id}/docx`)).statusCode).toBe(404);
    expect((await sup.get('/api/v1/escalations/nosuch/docx')).statusCode).toBe(404);
  });

  it('records accountability actions (supervisor only) and lists them by unit, kind and date within scope', async () => {
    const t = await red();
    const ok = await sup.post('/api/v1/accountability-actions', { unitId: unitA.id, taskId: t.id, kind: 'interview', reason: '事项连续两期亮红灯，督办后仍无实质进展', decidedOn: '2026-11-02' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ unit: { id: unitA.id, name: unitA.name }, task: { id: t.id, serial: t.serial }, kind: 'interview', kindName: '约谈', decidedOn: '2026-11-02' });
    const b = await sup.post('/api/v1/accountability-actions', { unitId: unitB, kind: 'circular_criticism', reason: '未按期反馈进展', decidedOn: '2026-10-20' });
    expect(b.statusCode, b.body).toBe(201);
    const audited = await ctx.db.selectFrom('auditLog').select('action').where('entityId', '=', ok.json().id).execute();
    expect(audited.map((x) => x.action)).toEqual(['accountability.record']);

    const list = async (c: Client, q = '') => (await c.get(`/api/v1/accountability-actions?pageSize=200${q}`)).json();
    expect((await list(sup)).items.map((x: any) => x.id)).toEqual([ok.json().id, b.json().id]);
    expect((await list(sup, `&unitId=${unitB}`)).items.map((x: any) => x.kind)).toEqual(['circular_criticism']);
    expect((await list(sup, '&kind=interview')).total).toBe(1);
    expect((await list(sup, '&from=2026-10-01&to=2026-10-31')).items.map((x: any) => x.id)).toEqual([b.json().id]);
    expect((await list(viewer)).total).toBe(2);
    expect((await list(leader)).items.map((x: any) => x.unit.id)).toEqual([unitB]); // his portfolio only
    expect((await staffA.get('/api/v1/accountability-actions')).statusCode).toBe(403);
    const reversed = await sup.get('/api/v1/accountability-actions?from=2026-11-30&to=2026-11-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors[0].field).toBe('to');
  });

  it('validates accountability input, naming each bad field, and writes nothing', async () => {
    const t = await red();
    const post = (body: Record<string, unknown>, c: Client = sup) => c.post('/api/v1/accountability-actions', body);
    const before = (await ctx.db.selectFrom('accountabilityActions').select('id').execute()).length;
    const base = { unitId: unitA.id, kind: 'admonition', reason: '工作推进不力', decidedOn: '2026-11-02' };
    const fields = async (body: Record<string, unknown>) => { const r = await post(body); expect(r.statusCode, r.body).toBe(400); return r.json().errors.map((e: any) => `${e.field}:${e.code}`); };
    expect(await fields({ ...base, kind: 'fine' })).toEqual(['kind:invalid.enum']);
    expect(await fields({ ...base, decidedOn: '2026-11-03' })).toEqual(['decidedOn:accountability.decidedInFuture']);
    expect(await fields({ ...base, unitId: otherRegionUnit })).toEqual(['unitId:invalid.value']);
    expect(await fields({ ...base, unitId: unitB, taskId: t.id })).toEqual(['taskId:accountability.taskNotOfUnit']);
    expect(await fields({ ...base, taskId: 'nosuchtask' })).toEqual(['taskId:invalid.value']);
    expect(await fields({ ...base, reason: ' ' })).toEqual(['reason:invalid.minLength']);
    expect(await fields({ unitId: unitA.id })).toEqual(expect.arrayContaining(['kind:invalid.required', 'reason:invalid.required', 'decidedOn:invalid.required']));
    expect((await post(base, staffA)).statusCode).toBe(403);
    expect((await post(base, leader)).statusCode).toBe(403);
    expect((await ctx.db.selectFrom('accountabilityActions').select('id').execute()).length).toBe(before);
  });
});
