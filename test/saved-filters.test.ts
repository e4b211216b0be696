import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildRegion, buildUnit, buildUser, Client } from './factories.js';
import type { Ctx } from '../server/context.js';
import type { TestClock } from '../server/platform/clock.js';

describeEachDb('常用筛选 saved filters', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let clock: TestClock;
  let sup: Client; let other: Client; let admin: Client;
  beforeAll(async () => {
    ({ app, ctx, clock } = await testApp(getDb()));
    const region = (await buildRegion(ctx)).code;
    const office = (await buildUnit(ctx, region)).id;
    sup = new Client(app); await sup.login(await buildUser(ctx, { regionCode: region, unitId: office, roles: ['supervisor'] }));
    other = new Client(app); await other.login(await buildUser(ctx, { regionCode: region, unitId: office, roles: ['supervisor'] }));
    admin = new Client(app); await admin.login(await buildUser(ctx, { regionCode: region, roles: ['sysadmin'] }), ctx);
  });

  it('saves, lists and deletes a user\'s own filters, each change audited', async () => {
    const r = await sup.post('/api/v1/saved-filters', { name: '红灯事项', query: '?rag=red&status=open&sort=deadline' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ name: '红灯事项', query: 'rag=red&status=open&sort=deadline' });
    clock.advanceMinutes(1); // listed in the order they were saved
    await sup.post('/api/v1/saved-filters', { name: '本月到期', query: 'deadlineFrom=2026-11-01&deadlineTo=2026-11-30' });
    const list = (await sup.get('/api/v1/saved-filters')).json();
    expect(list.map((f: any) => f.name)).toEqual(['红灯事项', '本月到期']);
    expect((await other.get('/api/v1/saved-filters')).json()).toEqual([]); // one's own only
    expect((await other.delete(`/api/v1/saved-filters/${r.json().id}`)).statusCode).toBe(404);
    expect((await sup.delete(`/api/v1/saved-filters/${r.json().id}`)).json()).toEqual({ ok: true });
    expect((await sup.get('/api/v1/saved-filters')).json().map((f: any) => f.name)).toEqual(['本月到期']);
    expect((await sup.delete(`/api/v1/saved-filters/${r.json().id}`)).statusCode).toBe(404);
    const audited = await ctx.db.selectFrom('auditLog').select('action').where('entityId', '=', r.json().id).orderBy('seq').execute();
    expect(audited.map((a) => a.action)).toEqual(['saved_filter.create', 'saved_filter.delete']);
  });

  it('refuses a duplicate name, a bad query string, an empty name and unknown fields, naming the field', async () => {
    await sup.post('/api/v1/saved-filters', { name: '重点事项', query: 'level=key' });
    const dup = await sup.post('/api/v1/saved-filters', { name: '重点事项', query: 'level=urgent' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('conflict.duplicate');
    const cases: [unknown, string, string][] = [
      [{ name: '带空格', query: 'q=a b' }, 'query', 'invalid.pattern'],
      [{ name: '', query: 'rag=red' }, 'name', 'invalid.minLength'],
      [{ name: '   ', query: 'rag=red' }, 'name', 'invalid.required'],
      [{ name: '多余字段', query: 'rag=red', userId: 'x' }, 'userId', 'invalid.unknownField'],
      [{ name: '太长', query: 'q='.padEnd(2001, 'x') }, 'query', 'invalid.maxLength'],
    ];
    for (const [body, field, code] of cases) {
      const res = await sup.post('/api/v1/saved-filters', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ field, code });
    }
  });

  it('caps the number of saved filters', async () => {
    const existing = (await other.get('/api/v1/saved-filters')).json().length;
    for (let i = existing; i < 50; i++) expect((await other.post('/api/v1/saved-filters', { name: `筛选${i}`, query: `page=${i}` })).statusCode).toBe(201);
    const r = await other.post('/api/v1/saved-filters', { name: '第五十一个', query: 'rag=red' });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('savedFilter.tooMany');
  });

  it('is for people who use the console, not the administrators', async () => {
    expect((await admin.get('/api/v1/saved-filters')).statusCode).toBe(403);
    expect((await admin.post('/api/v1/saved-filters', { name: '管理员', query: 'rag=red' })).statusCode).toBe(403);
  });
});
