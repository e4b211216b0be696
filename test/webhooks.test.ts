// Robot webhooks: a local HTTP server on 127.0.0.1 plays DingTalk and WeCom. Messages are queued by the request that
// triggers them and sent by the deliver-webhooks job, retried with backoff when the robot fails.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildRegion, buildUnit, buildUser, Client } from './factories.js';
import type { Ctx } from '../server/context.js';
import type { TestClock } from '../server/platform/clock.js';
import { runJobOnce } from '../server/jobs.js';
import { sendToRobot } from '../server/modules/notifications/delivery.js';

interface Received { path: string; query: URLSearchParams; body: any }

function robotServer() {
  const received: Received[] = [];
  const hanging: ServerResponse[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let data = '';
    req.on('data', (c) => { data += c; });
    req.on('end', () => {
      const u = new URL(req.url!, 'http://127.0.0.1');
      received.push({ path: u.pathname, query: u.searchParams, body: data ? JSON.parse(data) : null });
      if (u.pathname.startsWith('/hang')) { hanging.push(res); return; }
      if (u.pathname.startsWith('/fail')) { res.writeHead(500).end('robot down'); return; }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(u.pathname.startsWith('/errcode') ? '{"errcode":310000,"errmsg":"sign not match"}' : '{"errcode":0,"errmsg":"ok"}');
    });
  });
  return {
    received, server,
    start: () => new Promise<string>((ok) => server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    stop: () => { for (const r of hanging) r.destroy(); server.closeAllConnections(); return new Promise<void>((ok) => server.close(() => ok())); },
    at: (prefix: string) => received.filter((r) => r.path.startsWith(prefix)),
  };
}

describeEachDb('robot webhooks (DingTalk, WeCom)', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let clock: TestClock; let base: string;
  let region: string; let unitA: string; let sup: Client; let staffA: Client;
  const robot = robotServer();
  const SECRET = 'SECb1f2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9';

  beforeAll(async () => {
    base = await robot.start();
    ({ app, ctx, clock } = await testApp(getDb(), { webhookAllowHttpLoopback: true }));
    clock.set('2026-11-02T01:00:00Z');
    region = (await buildRegion(ctx)).code;
    unitA = (await buildUnit(ctx, region)).id;
    const office = (await buildUnit(ctx, region)).id;
    sup = new Client(app); await sup.login(await buildUser(ctx, { regionCode: region, unitId: office, roles: ['supervisor'] }));
    staffA = new Client(app); await staffA.login(await buildUser(ctx, { regionCode: region, unitId: unitA, roles: ['unit_staff'] }));
  });
  afterAll(async () => { await robot.stop(); });

  const hook = async (body: Record<string, unknown>) => {
    const r = await sup.post('/api/v1/webhooks', body);
    expect(r.statusCode, r.body).toBe(201);
    return r.json();
  };
  const task = async (leadUnitId: string) => {
    const r = await sup.post('/api/v1/tasks', { source: 'instruction', title: `推进项目建设${Math.random()}`, leadUnitId, deadline: '2026-12-31', cadence: 'once' });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().task;
  };
  const deliveriesOf = (webhookId: string) => ctx.db.selectFrom('webhookDeliveries').selectAll().where('webhookId', '=', webhookId).orderBy('createdAt').orderBy('id').execute();

  let ding: any; let wecom: any;
  it('lets the 督查室 set up robots per unit; shows neither token nor secret; audits without them', async () => {
    ding = await hook({ unitId: unitA, kind: 'dingtalk', url: `${base}/ok/ding?access_token=tok123456789`, secret: SECRET });
    expect(ding).toMatchObject({ kind: 'dingtalk', hasSecret: true, enabled: true, unit: { id: unitA }, lastDelivery: null });
    expect(ding.url).toBe(`${base}/ok/ding?access_token=tok1…`);
    expect(JSON.stringify(ding)).not.toContain(SECRET);
    wecom = await hook({ unitId: unitA, kind: 'wecom', url: `${base}/ok/wecom?key=693a91f6-7xxx` });
    const list = (await sup.get('/api/v1/webhooks')).json();
    expect(list.map((w: any) => w.id)).toEqual([ding.id, wecom.id]);
    const stored = await ctx.db.selectFrom('webhooks').select('secret').where('id', '=', ding.id).executeTakeFirstOrThrow();
    expect(stored.secret).toMatch(/^sm4:/);
    const audited = await ctx.db.selectFrom('auditLog').select(['action', 'afterJson']).where('entityId', '=', ding.id).execute();
    expect(audited.map((a) => a.action)).toEqual(['webhook.create']);
    expect(audited[0].afterJson).not.toContain(SECRET);
    expect(audited[0].afterJson).not.toContain('tok123456789');
  });

  it('refuses bad robots with the field named, and people without the permission', async () => {
    const bad = async (body: Record<string, unknown>, field: string, code?: string) => {
      const r = await sup.post('/api/v1/webhooks', body);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().errors.map((e: any) => e.field)).toContain(field);
      if (code) expect(r.json().errors.find((e: any) => e.field === field).code).toBe(code);
    };
    await bad({ kind: 'dingtalk', url: 'http://oapi.dingtalk.com/robot/send?access_token=x' }, 'url', 'webhook.urlHttps');
    await bad({ kind: 'dingtalk', url: 'ftp://127.0.0.1/x' }, 'url', 'webhook.urlHttps');
    await bad({ kind: 'dingtalk', url: 'not a url at all' }, 'url', 'webhook.urlInvalid');
    await bad({ kind: 'wecom', url: `${base}/ok/w`, secret: 'SECxyz' }, 'secret', 'webhook.secretDingtalkOnly');
    await bad({ kind: 'slack', url: `${base}/ok/w` }, 'kind');
    await bad({ kind: 'wecom', url: `${base}/ok/w`, colour: 'red' }, 'colour');
    const elsewhere = await buildRegion(ctx);
    await bad({ kind: 'wecom', url: `${base}/ok/w`, unitId: (await buildUnit(ctx, elsewhere.code)).id }, 'unitId', 'invalid.value');
    expect((await staffA.get('/api/v1/webhooks')).statusCode).toBe(403);
    expect((await staffA.post('/api/v1/webhooks', { kind: 'wecom', url: `${base}/ok/w` })).statusCode).toBe(403);
    expect((await staffA.post(`/api/v1/webhooks/${ding.id}/test`)).statusCode).toBe(403);
    expect((await ctx.db.selectFrom('webhooks').select('id').execute()).length).toBe(2); // nothing half-written
    const admin = new Client(app);
    await admin.login(await buildUser(ctx, { regionCode: region, roles: ['sysadmin'] }), ctx);
    expect((await admin.get('/api/v1/webhooks')).json()).toHaveLength(2);
  });

  it('sends a test message now: DingTalk signed with timestamp and HMAC-SHA256, WeCom as markdown content', async () => {
    const r = await sup.post(`/api/v1/webhooks/${ding.id}/test`);
    expect(r.json()).toEqual({ ok: true, status: 200, error: null });
    const got = robot.at('/ok/ding').at(-1)!;
    expect(got.query.get('access_token')).toBe('tok123456789');
    const ts = got.query.get('timestamp')!;
    expect(got.query.get('sign')).toBe(createHmac('sha256', SECRET).update(`${ts}\n${SECRET}`).digest('base64'));
    expect(got.body).toEqual({ msgtype: 'markdown', markdown: { title: '落实平台测试消息', text: expect.stringContaining('群机器人配置成功') } });
    expect((await sup.post(`/api/v1/webhooks/${wecom.id}/test`)).json().ok).toBe(true);
    const w = robot.at('/ok/wecom').at(-1)!;
    expect(w.body).toEqual({ msgtype: 'markdown', markdown: { content: expect.stringContaining('### 落实平台测试消息') } });
    const refused = await hook({ kind: 'dingtalk', url: `${base}/errcode/x` });
    expect((await sup.post(`/api/v1/webhooks/${refused.id}/test`)).json()).toEqual({ ok: false, status: 200, error: 'errcode 310000: sign not match' });
    expect((await sup.delete(`/api/v1/webhooks/${refused.id}`)).statusCode).toBe(200);
  });

  it('queues the unit\'s robot messages in the request and the job delivers them, once', async () => {
    const seen = robot.received.length;
    const t = await task(unitA);
    expect(robot.received.length).toBe(seen); // the request sent nothing itself
    for (const w of [ding, wecom]) {
      const [d] = await deliveriesOf(w.id);
      expect(d).toMatchObject({ status: 'pending', attempts: 0 });
    }
    const out = await runJobOnce(ctx, 'deliver-webhooks');
    expect(out).toMatchObject({ ran: true, result: { delivered: 2, retry: 0, failed: 0 } });
    const d = robot.at('/ok/ding').at(-1)!;
    expect(d.body.msgtype).toBe('markdown');
    expect(d.body.markdown.title).toBe(`新交办事项：${t.serial}「${t.title}」`);
    expect(d.body.markdown.text).toContain('截止日期：2026-12-31');
    expect(d.query.get('sign')).toBeTruthy();
    expect(robot.at('/ok/wecom').at(-1)!.body.markdown.content).toContain(`### 新交办事项：${t.serial}`);
    for (const w of [ding, wecom]) expect((await deliveriesOf(w.id))[0]).toMatchObject({ status: 'delivered', attempts: 1, deliveredAt: clock.now().toISOString() });
    const count = robot.received.length;
    await runJobOnce(ctx, 'deliver-webhooks');
    expect(robot.received.length).toBe(count);
    expect((await sup.get('/api/v1/webhooks')).json().find((w: any) => w.id === ding.id).lastDelivery).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('retries a failing robot with exponential backoff, six attempts, then gives up', async () => {
    const unitF = (await buildUnit(ctx, region)).id;
    const failing = await hook({ unitId: unitF, kind: 'wecom', url: `${base}/fail/robot` });
    await task(unitF);
    const t0 = clock.now().getTime();
    const at: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      await runJobOnce(ctx, 'deliver-webhooks');
      expect(robot.at('/fail')).toHaveLength(attempt);
      at.push(clock.now().getTime() - t0);
      const [d] = await deliveriesOf(failing.id);
      expect(d.attempts).toBe(attempt);
      expect(d.lastError).toBe('HTTP 500: robot down');
      if (attempt < 6) {
        expect(d.status).toBe('pending');
        await runJobOnce(ctx, 'deliver-webhooks'); // not due yet: nothing sent
        expect(robot.at('/fail')).toHaveLength(attempt);
        clock.set(d.nextAttemptAt);
      } else expect(d.status).toBe('failed');
    }
    expect(at.slice(1).map((x, i) => (x - at[i]) / 1000)).toEqual([30, 120, 480, 1920, 7680]);
    clock.advanceMinutes(24 * 60);
    await runJobOnce(ctx, 'deliver-webhooks');
    expect(robot.at('/fail')).toHaveLength(6);
  });

  it('never makes the request wait for a robot, even one that never answers', async () => {
    sup = new Client(app); await sup.login(await buildUser(ctx, { regionCode: region, roles: ['supervisor'] }));
    const unitH = (await buildUnit(ctx, region)).id;
    const hanging = await hook({ unitId: unitH, kind: 'dingtalk', url: `${base}/hang/robot` });
    await task(unitH); // answered although the robot would never answer
    expect(robot.at('/hang')).toHaveLength(0);
    expect((await deliveriesOf(hanging.id))[0].status).toBe('pending');
    // A send that hangs is cut off by the timeout (short here) and counted as a failure.
    const r = await sendToRobot(ctx, { kind: 'dingtalk', url: `${base}/hang/direct`, secret: null }, '{}', 200);
    expect(r).toEqual({ ok: false, status: null, error: 'timeout after 200 ms' });
    // Switched off: its queued messages are given up without being sent.
    const off = await sup.patch(`/api/v1/webhooks/${hanging.id}`, { enabled: false });
    expect(off.json().enabled).toBe(false);
    await runJobOnce(ctx, 'deliver-webhooks');
    expect(robot.at('/hang/robot')).toHaveLength(0);
    expect((await deliveriesOf(hanging.id))[0]).toMatchObject({ status: 'failed', lastError: 'webhook disabled' });
  });

  it('changes and removes robots in its own region only', async () => {
    let r = await sup.patch(`/api/v1/webhooks/${ding.id}`, { secret: null, url: `${base}/ok/ding2?access_token=newtoken999` });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ hasSecret: false, url: `${base}/ok/ding2?access_token=newt…` });
    expect((await sup.patch(`/api/v1/webhooks/${wecom.id}`, { secret: 'SECabc' })).json().errors[0]).toMatchObject({ field: 'secret' });
    expect((await sup.patch(`/api/v1/webhooks/${wecom.id}`, { url: 'http://qyapi.weixin.qq.com/x' })).json().errors[0]).toMatchObject({ field: 'url' });
    const other = new Client(app);
    const otherRegion = (await buildRegion(ctx)).code;
    await other.login(await buildUser(ctx, { regionCode: otherRegion, roles: ['supervisor'] }));
    expect((await other.patch(`/api/v1/webhooks/${ding.id}`, { enabled: false })).statusCode).toBe(404);
    expect((await other.delete(`/api/v1/webhooks/${ding.id}`)).statusCode).toBe(404);
    expect((await other.get('/api/v1/webhooks')).json()).toEqual([]);
    r = await sup.delete(`/api/v1/webhooks/${ding.id}`);
    expect(r.statusCode).toBe(200);
    expect(await deliveriesOf(ding.id)).toEqual([]);
    expect((await sup.delete(`/api/v1/webhooks/${ding.id}`)).statusCode).toBe(404);
    expect((await sup.get('/api/v1/webhooks')).json().map((w: any) => w.id)).not.toContain(ding.id);
  });
});
