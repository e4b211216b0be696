// The project library (项目库) over HTTP on both databases: create and edit with field-named errors, stage moves
// (state machine, dated, audited, optimistic), approvals (前期手续) and the next missing one, stock and 储备转在建,
// and scope: a unit sees the projects it leads, a township those in its township, a leader his portfolio's.
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildLeader, buildUnit, buildUser, Client } from './factories.js';
import { auditSince, buildWorld, expectProblem, lastSeq, signIn, inDays, type World } from './world.js';
import type { Ctx } from '../server/context.js';
import { putSetting } from '../server/platform/settings.js';

describeEachDb('project library', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let w: World;
  let fgw: Client; let fgwUnit: string; let township: { code: string; unitId: string; client: Client }; let otherLeader: Client; let leaderUserId: string;
  let n = 0;
  const uniq = (p: string) => `${p}${Date.now().toString(36)}${n++}`;
  const code = () => `2026-${w.region}-44-01-${String(100000 + n++).slice(-6)}`;

  beforeAll(async () => {
    ({ app, ctx } = await testApp(getDb()));
    w = await buildWorld(app, ctx);
    leaderUserId = w.users.leader.id;
    fgwUnit = (await buildUnit(ctx, w.region, { name: `县发展和改革局${w.region}` })).id;
    await ctx.db.transaction().execute((trx) => putSetting(ctx, trx, 'projects.libraryUnitIds', [fgwUnit]));
    fgw = await signIn(app, ctx, await buildUser(ctx, { regionCode: w.region, unitId: fgwUnit, roles: ['unit_staff'] }));
    const tcode = `${w.region}101`;
    await ctx.db.insertInto('regions').values({ code: tcode, name: `青石镇${w.region}`, level: 'township', parentCode: w.region }).execute();
    const tUnit = (await buildUnit(ctx, w.region, { name: `青石镇${w.region}人民政府`, kind: 'township' })).id;
    township = { code: tcode, unitId: tUnit, client: await signIn(app, ctx, await buildUser(ctx, { regionCode: w.region, unitId: tUnit, roles: ['unit_admin'] })) };
    const ol = await buildUser(ctx, { regionCode: w.region, unitId: w.officeId, roles: ['leader'] });
    await buildLeader(ctx, ol, [w.otherUnitId]);
    otherLeader = await signIn(app, ctx, ol);
  });

  const create = async (c: Client, body: Record<string, unknown>) => c.post('/api/v1/projects', { name: uniq('测试项目'), category: '产业', totalInvestment: 12000, leadUnitId: w.unitId, ...body });

  it('the library unit creates a project with every fact; the view names leader, unit, township, next approval', async () => {
    const seq = await lastSeq(ctx);
    const res = await create(fgw, {
      projectCode: code(), industryCode: '398110', townshipCode: township.code, ownerName: '示例新材料有限公司', ownerCreditCode: '91990121MA2B3C4D5E',
      content: '年产 5 万吨新材料生产线', yearPlan: 5000, plannedStart: '2026-03-01', plannedCompletion: '2027-12-31', leaderUserId,
      taskForce: '县发改局牵头，自然资源局、住建局参加', planSummary: '倒排工期，挂图作战', stage: 'preparation',
    });
    expect(res.statusCode, res.body).toBe(400); // 398110: six digits, not a GB/T 4754 code
    expect(res.json().errors.map((e: any) => e.field)).toEqual(['industryCode']);
    const ok = await create(fgw, {
      projectCode: code(), industryCode: 'C398', townshipCode: township.code, ownerName: '示例新材料有限公司', ownerCreditCode: '91990121MA2B3C4D5E',
      content: '年产 5 万吨新材料生产线', yearPlan: 5000, plannedStart: '2026-03-01', plannedCompletion: '2027-12-31', leaderUserId,
      taskForce: '县发改局牵头', planSummary: '倒排工期，挂图作战', stage: 'preparation',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const p = ok.json();
    expect(p).toMatchObject({ stage: 'preparation', townshipCode: township.code, leaderUserId, leadUnitId: w.unitId, yearPlan: 5000, canEdit: true, canReassign: true,
      nextApproval: { kind: 'initiation' }, allowedMoves: ['reserve', 'construction', 'suspended'] });
    expect(p.serial).toMatch(/^XM\d{4}-\d{4}$/);
    expect(p.leaderName).toBe('角色leader');
    expect((await auditSince(ctx, seq)).map((a: any) => a.action)).toContain('project.create');
    const list = await fgw.get(`/api/v1/projects?q=${encodeURIComponent(p.name)}`);
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: p.id, nextApproval: { kind: 'initiation' } }] });
  });

  it('bad input: 400 naming each field, nothing written', async () => {
    const before = await ctx.db.selectFrom('projects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ projectCode: '2026-12345-44-01-000001' }, ['projectCode']],
      [{ stage: 'preparation' }, ['projectCode']],
      [{ plannedStart: '2026-05-01', plannedCompletion: '2026-04-01' }, ['plannedCompletion']],
      [{ actualStart: inDays(5) }, ['actualStart']],
      [{ ownerCreditCode: '12345' }, ['ownerCreditCode']],
      [{ category: '不存在的类别' }, ['category']],
      [{ leaderUserId: w.users.supervisor.id }, ['leaderUserId']],
      [{ townshipCode: '999999999' }, ['townshipCode']],
      [{ yearPlan: 20000 }, ['yearPlan']],
      [{ stage: 'construction', projectCode: code() }, ['actualStart']],
    ];
    for (const [body, fields] of cases) {
      const res = await create(fgw, body);
      expectProblem(res, 400);
      expect(res.json().errors.map((e: any) => e.field), JSON.stringify(body)).toEqual(fields);
    }
    const bad = await fgw.post('/api/v1/projects', { name: 'x', category: '产业', totalInvestment: -1, leadUnitId: w.unitId });
    expectProblem(bad, 400);
    const after = await ctx.db.selectFrom('projects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('only the library units and the 督查室 create; a duplicate name or code is a 409', async () => {
    expectProblem(await create(w.clients.unit_staff, {}), 403, 'forbidden');
    expectProblem(await create(w.clients.leader, {}), 403);
    const sup = await create(w.clients.supervisor, {});
    expect(sup.statusCode, sup.body).toBe(201);
    expectProblem(await create(fgw, { name: sup.json().name }), 409, 'conflict.duplicate');
  });

  it('stages: illegal moves are 409 with the allowed ones, a move needs its facts, versions are checked, history and audit kept', async () => {
    const p = (await create(fgw, { stage: 'reserve' })).json();
    const illegal = await fgw.post(`/api/v1/projects/${p.id}/stage`, { version: p.version, to: 'construction', movedOn: inDays(0) });
    expectProblem(illegal, 409, 'projects.illegalMove');
    expect(illegal.json().allowed).toEqual(['planning', 'preparation']);
    const needsCode = await fgw.post(`/api/v1/projects/${p.id}/stage`, { version: p.version, to: 'preparation', movedOn: inDays(0) });
    expectProblem(needsCode, 400, 'projects.moveNeeds');
    expect(needsCode.json().errors[0].field).toBe('projectCode');
    const future = await fgw.post(`/api/v1/projects/${p.id}/stage`, { version: p.version, to: 'preparation', movedOn: inDays(3), projectCode: code() });
    expect(future.json().errors[0].field).toBe('movedOn');
    const prep = await fgw.post(`/api/v1/projects/${p.id}/stage`, { version: p.version, to: 'preparation', movedOn: inDays(0), projectCode: code(), comment: '完成立项' });
    expect(prep.statusCode, prep.body).toBe(200);
    expect(prep.json()).toMatchObject({ stage: 'preparation', version: p.version + 1 });
    expectProblem(await fgw.post(`/api/v1/projects/${p.id}/stage`, { version: p.version, to: 'construction', movedOn: inDays(0), actualStart: inDays(0) }), 409, 'conflict.version');
    const seq = await lastSeq(ctx);
    const build = await w.clients.unit_staff.post(`/api/v1/projects/${p.id}/stage`, { version: p.version + 1, to: 'construction', movedOn: inDays(0), actualStart: inDays(0) });
    expect(build.statusCode, build.body).toBe(200); // the lead unit moves its own project
    expect(build.json()).toMatchObject({ stage: 'construction', actualStart: inDays(0), stageSince: inDays(0) });
    expect((await auditSince(ctx, seq)).map((a: any) => a.action)).toEqual(['project.stage']);
    const moves = (await fgw.get(`/api/v1/projects/${p.id}/stage-moves`)).json().items;
    expect(moves.map((m: any) => `${m.fromStage}>${m.toStage}`)).toEqual(['null>reserve', 'reserve>preparation', 'preparation>construction']);
    expect(moves[1].comment).toBe('完成立项');
    expectProblem(await w.clients.leader.post(`/api/v1/projects/${p.id}/stage`, { version: p.version + 2, to: 'suspended', movedOn: inDays(0) }), 403);
    const conv = (await fgw.get('/api/v1/projects/conversion?months=3')).json();
    expect(conv.items).toHaveLength(3);
    expect(conv.items[2].converted).toBeGreaterThanOrEqual(1);
    const stock = (await fgw.get('/api/v1/projects/stock')).json();
    expect(stock.items.find((i: any) => i.stage === 'construction').count).toBeGreaterThanOrEqual(1);
    expect(stock.total.count).toBe(stock.items.reduce((s: number, i: any) => s + i.count, 0));
  });

  it('approvals: planned and actual dates, document reference; the next missing one moves on', async () => {
    const p = (await create(fgw, { stage: 'reserve' })).json();
    const a = await fgw.put(`/api/v1/projects/${p.id}/approvals/initiation`, { variant: 'filing', actualOn: inDays(-10), docRef: '示发改备〔2026〕12号' });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json().items[0]).toMatchObject({ kind: 'initiation', variant: 'filing', done: true, docRef: '示发改备〔2026〕12号' });
    expect(a.json().next).toMatchObject({ kind: 'land_preexam', overdue: false });
    const b = await fgw.put(`/api/v1/projects/${p.id}/approvals/land_preexam`, { plannedOn: inDays(-1) });
    expect(b.json().next).toEqual({ kind: 'land_preexam', plannedOn: inDays(-1), overdue: true });
    expectProblem(await fgw.put(`/api/v1/projects/${p.id}/approvals/environment`, { variant: 'filing' }), 400, 'invalid');
    expect((await fgw.put(`/api/v1/projects/${p.id}/approvals/environment`, { actualOn: inDays(2) })).json().errors[0].field).toBe('actualOn');
    expect((await fgw.get(`/api/v1/projects/${p.id}`)).json().nextApproval).toMatchObject({ kind: 'land_preexam' });
    expectProblem(await w.clients.viewer.put(`/api/v1/projects/${p.id}/approvals/environment`, { plannedOn: inDays(9) }), 403);
  });

  it('edits: version checked; the lead unit edits facts but not who leads it', async () => {
    const p = (await create(fgw, {})).json();
    const e = await w.clients.unit_admin.patch(`/api/v1/projects/${p.id}`, { version: p.version, content: '调整后的建设内容', totalInvestment: 15000 });
    expect(e.statusCode, e.body).toBe(200);
    expect(e.json()).toMatchObject({ content: '调整后的建设内容', totalInvestment: 15000, version: p.version + 1, canReassign: false });
    expectProblem(await w.clients.unit_admin.patch(`/api/v1/projects/${p.id}`, { version: p.version, content: 'x' }), 409, 'conflict.version');
    const re = await w.clients.unit_admin.patch(`/api/v1/projects/${p.id}`, { version: p.version + 1, leadUnitId: w.otherUnitId });
    expectProblem(re, 400);
    expect(re.json().errors[0].field).toBe('leadUnitId');
    const lib = await fgw.patch(`/api/v1/projects/${p.id}`, { version: p.version + 1, leadUnitId: w.otherUnitId, plannedStart: '2026-05-01', plannedCompletion: '2026-01-01' });
    expect(lib.json().errors.map((x: any) => x.field)).toEqual(['plannedCompletion']);
    const moved = await fgw.patch(`/api/v1/projects/${p.id}`, { version: p.version + 1, leadUnitId: w.otherUnitId });
    expect(moved.statusCode, moved.body).toBe(200);
    // Now led by another unit: the former lead unit no longer sees it.
    expectProblem(await w.clients.unit_admin.get(`/api/v1/projects/${p.id}`), 404);
  });

  it('scope: a unit its own, a township those in it, a leader his portfolio and the ones he drives; the 督查室 and 发改局 all', async () => {
    const mine = (await create(fgw, {})).json();
    const other = (await create(fgw, { leadUnitId: w.otherUnitId })).json();
    const inTown = (await create(fgw, { leadUnitId: w.otherUnitId, townshipCode: township.code })).json();
    const driven = (await create(fgw, { leadUnitId: w.otherUnitId, leaderUserId })).json();
    const ids = async (c: Client) => new Set(((await c.get('/api/v1/projects?pageSize=200')).json().items as any[]).map((i) => i.id));
    const staff = await ids(w.clients.unit_staff);
    expect(staff.has(mine.id) && !staff.has(other.id) && !staff.has(inTown.id)).toBe(true);
    expectProblem(await w.clients.unit_staff.get(`/api/v1/projects/${other.id}`), 404);
    const town = await ids(township.client);
    expect(town.has(inTown.id) && !town.has(mine.id) && !town.has(other.id)).toBe(true);
    const leader = await ids(w.clients.leader);
    expect(leader.has(mine.id) && leader.has(driven.id) && !leader.has(other.id)).toBe(true);
    const ol = await ids(otherLeader);
    expect(ol.has(other.id) && !ol.has(mine.id)).toBe(true);
    for (const c of [w.clients.supervisor, w.clients.viewer, fgw]) {
      const all = await ids(c);
      expect([mine, other, inTown, driven].every((p) => all.has(p.id))).toBe(true);
    }
    for (const role of ['sysadmin', 'secadmin', 'auditor', 'none'] as const) expectProblem(await w.clients[role].get('/api/v1/projects'), 403);
    // The township reads but does not edit a project another unit leads.
    expectProblem(await township.client.patch(`/api/v1/projects/${inTown.id}`, { version: inTown.version, content: 'x' }), 403, 'forbidden');
  });

  it('export: the ledger layout, and it imports back as updates', async () => {
    const res = await fgw.get('/api/v1/projects/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const back = await fgw.upload('/api/v1/projects/import', 'ledger.xlsx', res.rawPayload);
    expect(back.statusCode, back.body).toBe(200);
    const r = back.json();
    expect(r.errors).toEqual([]);
    expect(r.created).toBe(0);
    expect(r.updated).toBe(r.total);
    expect(r.skippedRows).toHaveLength(1); // the 合计 row
  });
});
