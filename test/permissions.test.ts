// The permission matrix: every /api/v1 endpoint × every role → allowed (its 2xx) or 403, and nothing written when
// refused. The table must list every endpoint of the OpenAPI document: a new endpoint fails this file until added.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildLeader, buildRegion, buildUnit, buildUser, Client } from './factories.js';
import { auditCount, buildWorld, expectProblem, inDays, ROLES_AND_NONE, signIn, snapshotCounts, type RoleOrNone, type World } from './world.js';
import { buildXlsx } from './xlsx.js';
import { ADMIN_ROLES, type Role } from '../common/roles.js';
import { tokenId } from '../server/platform/auth/sessions.js';
import { startJob } from '../server/platform/jobs/jobs.js';
import { newId } from '../server/platform/clock.js';
import type { Ctx } from '../server/context.js';
import { insertRun, setMuOffice } from './mu-analysis-fixtures.js';
import { buildCreditCode } from '../server/modules/enterprises/credit-code.js';
import { insertProject } from './project-tracking-fixtures.js';

type Req = { url: string; body?: unknown; upload?: Buffer; filename?: string };
interface Endpoint {
  /** Allowed roles, or 'all' for every signed-in account (roles or not). */
  allow: readonly Role[] | 'all';
  /** Status for an allowed role (default 200), or a function for stage endpoints that answer per account. */
  ok?: number | ((role: RoleOrNone) => number);
  /** Needs its own session (the request ends or changes it). */
  fresh?: boolean;
  public?: boolean;
  req: (role: RoleOrNone) => Promise<Req> | Req;
}

const DEADLINE = inDays(120);
const TODAY = inDays(0);
const PERIOD = `from=${inDays(-30)}&to=${TODAY}`;
/** A robot that is not there: http on 127.0.0.1 is allowed in this app, and the test message fails at once. */
const ROBOT = 'http://127.0.0.1:9/cgi-bin/webhook/send?key=matrix-test';
const ASSESS: Role[] = ['supervisor', 'leader', 'viewer'];
const HOOKS: Role[] = ['sysadmin', 'supervisor'];
const ORG_READ: Role[] = ['sysadmin', 'secadmin', 'leader', 'supervisor', 'unit_admin', 'unit_staff', 'viewer'];
const TASKS_READ: Role[] = ['leader', 'supervisor', 'unit_admin', 'unit_staff', 'viewer'];
const SETTINGS: Role[] = ['sysadmin', 'secadmin'];
const USERS_READ: Role[] = ['sysadmin', 'secadmin', 'unit_admin'];
const MU_READ: Role[] = ['leader', 'supervisor', 'unit_admin', 'unit_staff', 'viewer'];
const MU_MANAGE: Role[] = ['unit_admin', 'unit_staff'];
/** Project tracking: read with projects.read (the world's unit leads the project, in the leader's portfolio); written by the lead unit or the 督查室. */
const PROJ_READ: Role[] = ['leader', 'supervisor', 'unit_admin', 'unit_staff', 'viewer'];
const PROJ_EDIT: Role[] = ['supervisor', 'unit_admin', 'unit_staff'];
/** The first bytes of a JPEG: enough for the photo check. */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]);

let n = 0;
const uniq = (p: string) => `${p}${Date.now().toString(36)}${(n++).toString(36)}`;

function table(app: FastifyInstance, ctx: Ctx, w: () => World): Record<string, Endpoint> {
  const v1 = (p: string) => `/api/v1${p}`;
  const freshUnit = async () => (await buildUnit(ctx, w().region)).id;
  const freshUser = async (roles: Role[] = ['unit_staff']) => buildUser(ctx, { regionCode: w().region, unitId: w().unitId, roles });
  const task = async () => {
    const r = await w().clients.supervisor.post(v1('/tasks'), { source: 'instruction', title: uniq('矩阵测试事项'), leadUnitId: w().unitId, leaderUserId: w().users.leader.id, deadline: DEADLINE, cadence: 'monthly' });
    if (r.statusCode !== 201) throw new Error(`task fixture: ${r.statusCode} ${r.body}`);
    return r.json().task as { id: string; version: number };
  };
  let shared: Promise<{ id: string; version: number }> | null = null;
  const sharedTask = () => (shared ??= task()); // read, or refused: left as it was
  let attachment: Promise<string> | null = null;
  const sharedAttachment = () => (attachment ??= (async () => {
    const r = await w().clients.supervisor.upload(v1(`/tasks/${(await sharedTask()).id}/attachments`), '会议纪要.txt', Buffer.from('纪要'));
    if (r.statusCode !== 201) throw new Error(`attachment fixture: ${r.statusCode} ${r.body}`);
    return r.json().id as string;
  })());
  const unitName = () => w().unitName;
  const recurringBody = () => ({ source: 'key_work', title: uniq('每月报送'), leadUnitId: w().unitId, cadence: 'monthly', frequency: 'monthly', openWorkday: 1, deadlineWorkdays: 10 });
  const recurringTask = async () => (await w().clients.supervisor.post(v1('/recurring-tasks'), recurringBody())).json().id as string;
  /** An open task past its deadline: red, so that it may be escalated. */
  const redTask = async () => {
    const r = await w().clients.supervisor.post(v1('/tasks'), { source: 'instruction', title: uniq('逾期事项'), leadUnitId: w().unitId, leaderUserId: w().users.leader.id, startDate: inDays(-40), deadline: inDays(-3), cadence: 'monthly' });
    if (r.statusCode !== 201) throw new Error(`red task fixture: ${r.statusCode} ${r.body}`);
    return r.json().task.id as string;
  };
  let red: Promise<{ id: string; taskId: string }> | null = null;
  const escalation = async (): Promise<{ id: string; taskId: string }> => {
    const r = await w().clients.supervisor.post(v1(`/tasks/${await redTask()}/escalations`), { requirement: '请说明原因' });
    if (r.statusCode !== 201) throw new Error(`escalation fixture: ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const sharedRed = () => (red ??= escalation());
  const notice = async (userId: string) => {
    const id = newId();
    await ctx.db.insertInto('notifications').values({ id, userId, kind: 'test', title: '测试消息', body: null, taskId: null, createdAt: ctx.clock.now().toISOString(), readAt: null }).execute();
    return id;
  };
  const webhook = async () => (await w().clients.sysadmin.post(v1('/webhooks'), { kind: 'wecom', url: ROBOT })).json().id as string;
  // 企业库 fixtures: enterprises registered by the 亩均 office (the world's unit) with valid credit codes.
  const entCode = () => buildCreditCode('91', w().region.slice(0, 6), `MA${String(100000 + Math.floor(Math.random() * 900000))}`);
  const enterprise = async () => {
    const r = await w().clients.unit_staff.post(v1('/enterprises'), { creditCode: entCode(), name: uniq('矩阵企业') });
    if (r.statusCode !== 201) throw new Error(`enterprise fixture: ${r.statusCode} ${r.body}`);
    return r.json().id as string;
  };
  let sharedEnt: Promise<string> | null = null;
  const sharedEnterprise = () => (sharedEnt ??= enterprise());
  const parcel = async () => {
    const id = await enterprise();
    const r = await w().clients.unit_staff.post(v1(`/enterprises/${id}/parcels`), { areaMu: 5 });
    return `/enterprises/${id}/parcels/${r.json().parcels[0].id}`;
  };
  const tenancy = async () => {
    const id = await enterprise();
    const r = await w().clients.unit_staff.post(v1(`/enterprises/${id}/tenancies`), { landlordId: await sharedEnterprise(), areaMu: 1 });
    return `/enterprises/${id}/tenancies/${r.json().rents[0].id}`;
  };
  const registryXlsx = () => buildXlsx({ header: ['统一社会信用代码', '企业名称'], rows: [[entCode(), uniq('矩阵导入企业')]] });
  const taxXlsx = async () => {
    const code = (await w().clients.unit_staff.get(v1(`/enterprises/${await sharedEnterprise()}`))).json().enterprise.creditCode;
    return buildXlsx({ header: ['统一社会信用代码', '实缴税金（万元）'], rows: [[code, 12.5]] });
  };
  const muPolicyBody = () => ({ name: uniq('矩阵政策'), body: '县税务局', kind: 'reduction', unit: '%', fromYear: 2024, terms: [{ class: 'A', minYears: 1, value: 100, text: null }] });
  const muPolicy = async () => {
    const r = await w().clients.unit_staff.post(v1('/mu/policies'), muPolicyBody());
    if (r.statusCode !== 201) throw new Error(`mu policy fixture: ${r.statusCode} ${r.body}`);
    return r.json().id as string;
  };
  let sharedPolicy: Promise<string> | null = null;
  const sharedMuPolicy = async () => { await muRun(); return (sharedPolicy ??= muPolicy()); };
  /** A published 亩均 run of 2026 (written directly: policies and aggregates read published runs only); resolves to its year. */
  let run2026: Promise<number> | null = null;
  const muRun = () => (run2026 ??= insertRun(ctx, w().region, 2026, [{ id: newId(), class: 'A', tax: 100, valueAdded: 300, land: 10 }, { id: newId(), class: 'D', tax: 5, valueAdded: 20, land: 12 }]).then(() => 2026));
  /** 亩均 evaluation (schemes, runs): each fresh scheme takes its own year; one published run of 2039 with one enterprise. */
  let muYear = 2040;
  const muScheme = async () => {
    const r = await w().clients.unit_staff.post(v1('/mu/schemes'), { year: muYear++, name: uniq('矩阵评价办法') });
    if (r.statusCode !== 201) throw new Error(`mu scheme fixture: ${r.statusCode} ${r.body}`);
    return r.json() as { id: string; definition: unknown };
  };
  const muDraftRun = async () => {
    const r = await w().clients.unit_staff.post(v1('/mu/runs'), { schemeId: (await muScheme()).id });
    if (r.statusCode !== 201) throw new Error(`mu run fixture: ${r.statusCode} ${r.body}`);
    return r.json().id as string;
  };
  let muPublished: Promise<{ runId: string; schemeId: string; enterpriseId: string }> | null = null;
  const sharedMuEval = () => (muPublished ??= (async () => {
    const now = ctx.clock.now().toISOString();
    const enterpriseId = newId();
    await ctx.db.insertInto('enterprises').values({ id: enterpriseId, regionCode: w().region, creditCode: `91990000MA${enterpriseId.slice(-8).toUpperCase()}`, name: '矩阵测试企业', industryCode: '3411', townshipCode: null, park: null, aboveScale: 1, landAreaMu: 20, producingSince: '2010-01-01', closedOn: null, codeOverrideReason: null, createdAt: now, updatedAt: now }).execute();
    await ctx.db.insertInto('enterpriseYearData').values({ enterpriseId, year: 2039, field: 'tax', value: 200, source: 'tax', batchId: null, updatedAt: now }).execute();
    const s = await w().clients.unit_staff.post(v1('/mu/schemes'), { year: 2039, name: '矩阵评价办法2039' });
    const run = await w().clients.unit_staff.post(v1('/mu/runs'), { schemeId: s.json().id });
    const pub = await w().clients.unit_staff.post(v1(`/mu/runs/${run.json().id}/publish`));
    if (pub.statusCode !== 200) throw new Error(`mu published run fixture: ${pub.statusCode} ${pub.body}`);
    return { runId: run.json().id as string, schemeId: s.json().id as string, enterpriseId };
  })());
  const unitsXlsx = () => buildXlsx({ header: ['单位名称', '单位类型'], rows: [[uniq('导入矩阵局'), '局委']] });
  /** A project led by the world's unit and driven by the world's leader; a red one (not started 8 months after its planned start). */
  const project = (o: Parameters<typeof insertProject>[2] = {}) => insertProject(ctx, { region: w().region, leadUnit: w().unitId, leaderUser: w().users.leader }, o).then((p) => p.id);
  let sharedProj: Promise<string> | null = null;
  const sharedProject = () => (sharedProj ??= project());
  const redProject = () => project({ stage: 'preparation', plannedStart: inDays(-240), actualStart: null });
  const milestone = async () => {
    const id = await sharedProject();
    const r = await w().clients.supervisor.post(v1(`/projects/${id}/milestones`), { title: uniq('节点'), plannedEnd: DEADLINE });
    if (r.statusCode !== 201) throw new Error(`milestone fixture: ${r.statusCode} ${r.body}`);
    return `/projects/${id}/milestones/${r.json().id}`;
  };
  /** A project with this month's report filed: the photos URL of that report. */
  const photoReport = async () => {
    const id = await project();
    const r = await w().clients.supervisor.put(v1(`/projects/${id}/reports/${TODAY.slice(0, 7)}`), { amount: 10, progressText: '按计划推进' });
    if (r.statusCode !== 200) throw new Error(`report fixture: ${r.statusCode} ${r.body}`);
    return `/projects/${id}/reports/${TODAY.slice(0, 7)}/photos`;
  };
  let sharedPhotoRep: Promise<string> | null = null;
  const sharedPhotoReport = () => (sharedPhotoRep ??= photoReport());
  /** A photo on a filed report, uploaded by `by` (a unit removes only what it uploaded). */
  const reportPhoto = async (by: RoleOrNone) => {
    const url = await photoReport();
    const r = await w().clients[by].upload(v1(url), '施工现场.jpg', JPEG);
    if (r.statusCode !== 201) throw new Error(`photo fixture: ${r.statusCode} ${r.body}`);
    return `${url}/${r.json().id}`;
  };
  let sharedPhoto: Promise<string> | null = null;
  const plannedProject = async () => { const id = await project(); await w().clients.supervisor.post(v1(`/projects/${id}/milestones`), { title: '开工', plannedEnd: DEADLINE }); return id; };
  const usersXlsx = () => buildXlsx({ header: ['用户名', '姓名'], rows: [[uniq('imp'), '导入人']] });
  /** 项目库: a reserve project led by the world's unit, created by the 督查室 (no library unit is set in this county). */
  const libProject = async () => {
    const r = await w().clients.supervisor.post(v1('/projects'), { name: uniq('矩阵项目'), category: '产业', totalInvestment: 1000, leadUnitId: w().unitId, stage: 'reserve' });
    if (r.statusCode !== 201) throw new Error(`project fixture: ${r.statusCode} ${r.body}`);
    return r.json() as { id: string; version: number; name: string };
  };
  let sharedLib: ReturnType<typeof libProject> | null = null;
  const sharedLibProject = () => (sharedLib ??= libProject());
  const projectLedger = () => buildXlsx({ titleRows: ['矩阵测试项目台账'], header: ['项目名称', '总投资（万元）', '牵头单位'], rows: [[uniq('导入矩阵项目'), 800, w().unitName]] });
  return {
    'POST /api/v1/auth/login': { allow: 'all', public: true, req: () => ({ url: v1('/auth/login'), body: { username: 'nobody', password: 'x' } }), ok: 401 },
    'GET /api/v1/auth/me': { allow: 'all', req: () => ({ url: v1('/auth/me') }) },
    'POST /api/v1/auth/logout': { allow: 'all', fresh: true, req: () => ({ url: v1('/auth/logout'), body: {} }) },
    // Stage endpoints: a full session may call them; the answer depends on the account, never a 403.
    'POST /api/v1/auth/mfa': { allow: 'all', req: () => ({ url: v1('/auth/mfa'), body: { code: '000000' } }), ok: (r) => (ADMIN_ROLES.includes(r as Role) ? 401 : 400) },
    'POST /api/v1/auth/password': { allow: 'all', fresh: true, req: () => ({ url: v1('/auth/password'), body: { currentPassword: 'Test@Pass1', newPassword: 'Another#Pass77' } }) },
    'POST /api/v1/auth/totp/setup': { allow: 'all', fresh: true, req: () => ({ url: v1('/auth/totp/setup'), body: {} }), ok: (r) => (ADMIN_ROLES.includes(r as Role) ? 400 : 200) },
    'POST /api/v1/auth/totp/confirm': { allow: 'all', req: () => ({ url: v1('/auth/totp/confirm'), body: { code: '000000' } }), ok: 400 },
    'PUT /api/v1/auth/locale': { allow: 'all', req: () => ({ url: v1('/auth/locale'), body: { locale: 'zh-CN' } }) },
    'GET /api/v1/regions': { allow: 'all', req: () => ({ url: v1('/regions') }) },

    'GET /api/v1/units': { allow: ORG_READ, req: () => ({ url: v1('/units') }) },
    'POST /api/v1/units': { allow: ['sysadmin'], ok: 201, req: () => ({ url: v1('/units'), body: { name: uniq('矩阵新建局'), kind: 'bureau' } }) },
    'GET /api/v1/units/export': { allow: ORG_READ, req: () => ({ url: v1('/units/export') }) },
    'POST /api/v1/units/import': { allow: ['sysadmin'], req: async () => ({ url: v1('/units/import'), upload: await unitsXlsx() }) },
    'GET /api/v1/units/{id}': { allow: ORG_READ, req: () => ({ url: v1(`/units/${w().unitId}`) }) },
    'PATCH /api/v1/units/{id}': { allow: ['sysadmin'], req: async () => ({ url: v1(`/units/${await freshUnit()}`), body: { version: 1, phone: '0999-1234567' } }) },
    'DELETE /api/v1/units/{id}': { allow: ['sysadmin'], req: async () => ({ url: v1(`/units/${await freshUnit()}`) }) },

    'GET /api/v1/users': { allow: USERS_READ, req: () => ({ url: v1('/users') }) },
    'POST /api/v1/users': { allow: ['sysadmin'], ok: 201, req: () => ({ url: v1('/users'), body: { username: uniq('mx'), displayName: '矩阵用户', unitId: w().unitId } }) },
    'GET /api/v1/users/export': { allow: USERS_READ, req: () => ({ url: v1('/users/export') }) },
    'POST /api/v1/users/import': { allow: ['sysadmin'], req: async () => ({ url: v1('/users/import'), upload: await usersXlsx() }) },
    'GET /api/v1/users/{id}': { allow: USERS_READ, req: () => ({ url: v1(`/users/${w().users.unit_staff.id}`) }) },
    'PATCH /api/v1/users/{id}': { allow: ['sysadmin'], req: async () => ({ url: v1(`/users/${(await freshUser()).id}`), body: { version: 1, title: '科员' } }) },
    'PUT /api/v1/users/{id}/roles': { allow: ['secadmin'], req: async () => ({ url: v1(`/users/${(await freshUser()).id}/roles`), body: { roles: ['viewer'] } }) },
    'POST /api/v1/users/{id}/reset-password': { allow: ['sysadmin', 'secadmin', 'unit_admin'], req: async () => ({ url: v1(`/users/${(await freshUser()).id}/reset-password`), body: {} }) },
    'POST /api/v1/users/{id}/reset-totp': { allow: ['secadmin'], req: async () => ({ url: v1(`/users/${(await freshUser()).id}/reset-totp`), body: {} }) },

    'GET /api/v1/leaders': { allow: ORG_READ, req: () => ({ url: v1('/leaders') }) },
    'POST /api/v1/leaders': { allow: ['sysadmin'], ok: 201, req: async () => ({ url: v1('/leaders'), body: { userId: (await freshUser(['leader'])).id, title: '副县长', domains: ['教育'], unitIds: [w().otherUnitId] } }) },
    'GET /api/v1/leaders/{id}': { allow: ORG_READ, req: () => ({ url: v1(`/leaders/${w().leaderId}`) }) },
    'PATCH /api/v1/leaders/{id}': { allow: ['sysadmin'], req: async () => ({ url: v1(`/leaders/${(await buildLeader(ctx, await freshUser(['leader']), [])).id}`), body: { version: 1, title: '县长助理' } }) },
    'DELETE /api/v1/leaders/{id}': { allow: ['sysadmin'], req: async () => ({ url: v1(`/leaders/${(await buildLeader(ctx, await freshUser(['leader']), [])).id}`) }) },

    'GET /api/v1/audit': { allow: ['auditor'], req: () => ({ url: v1('/audit') }) },
    'GET /api/v1/audit/export': { allow: ['auditor'], req: () => ({ url: v1('/audit/export') }) },
    'GET /api/v1/audit/verify': { allow: ['auditor'], req: () => ({ url: v1('/audit/verify') }) },
    'GET /api/v1/sessions': { allow: ['secadmin'], req: () => ({ url: v1('/sessions') }) },
    'DELETE /api/v1/sessions/{id}': {
      allow: ['secadmin'],
      req: async () => {
        const victim = new Client(app);
        await victim.login(await freshUser());
        return { url: v1(`/sessions/${tokenId(victim.cookies.luoshi_sid).slice(0, 24)}`) };
      },
    },
    'GET /api/v1/settings': { allow: SETTINGS, req: () => ({ url: v1('/settings') }) },
    'PATCH /api/v1/settings': { allow: SETTINGS, req: () => ({ url: v1('/settings'), body: { 'security.lockoutMinutes': 15 } }) },
    'GET /api/v1/jobs/{id}': { allow: 'all', req: async (role) => ({ url: v1(`/jobs/${await startJob(ctx, 'matrix', 1, w().users[role].id)}`) }) },

    'GET /api/v1/calendar': { allow: 'all', req: () => ({ url: v1('/calendar?year=2026') }) },
    'PUT /api/v1/calendar/days/{date}': { allow: SETTINGS, req: () => ({ url: v1('/calendar/days/2099-06-01'), body: { workday: false, name: '测试' } }) },
    'DELETE /api/v1/calendar/days/{date}': { allow: SETTINGS, req: () => ({ url: v1('/calendar/days/2099-06-01') }) },
    'POST /api/v1/calendar/years/{year}/confirm': { allow: SETTINGS, req: () => ({ url: v1('/calendar/years/2099/confirm'), body: {} }) },

    'GET /api/v1/tasks': { allow: TASKS_READ, req: () => ({ url: v1('/tasks') }) },
    'POST /api/v1/tasks': { allow: ['supervisor'], ok: 201, req: () => ({ url: v1('/tasks'), body: { source: 'instruction', title: uniq('交办矩阵'), leadUnitId: w().unitId, deadline: DEADLINE, cadence: 'monthly' } }) },
    'GET /api/v1/tasks/inbox': { allow: TASKS_READ, req: () => ({ url: v1('/tasks/inbox?tab=all') }) },
    'GET /api/v1/tasks/{id}': { allow: TASKS_READ, req: async () => ({ url: v1(`/tasks/${(await sharedTask()).id}`) }) },
    // Evidence: whoever works on the task (lead unit, 督查室, the responsible leader) may add it; every reader may read it.
    'POST /api/v1/tasks/{id}/attachments': { allow: ['leader', 'supervisor', 'unit_admin', 'unit_staff'], ok: 201, req: async () => ({ url: v1(`/tasks/${(await sharedTask()).id}/attachments`), upload: Buffer.from('进展佐证'), filename: '佐证.txt' }) },
    'GET /api/v1/tasks/{id}/attachments': { allow: TASKS_READ, req: async () => ({ url: v1(`/tasks/${(await sharedTask()).id}/attachments`) }) },
    'GET /api/v1/attachments/{id}': { allow: TASKS_READ, req: async () => ({ url: v1(`/attachments/${await sharedAttachment()}`) }) },
    'POST /api/v1/tasks/import': { allow: ['supervisor'], req: async () => ({ url: v1('/tasks/import'), upload: await buildXlsx({ header: ['事项名称', '牵头单位', '完成时限'], rows: [[uniq('导入交办'), unitName(), DEADLINE]] }) }) },
    'POST /api/v1/tasks/bulk': { allow: ['supervisor'], req: () => ({ url: v1('/tasks/bulk?preview=true'), body: { defaults: { source: 'meeting', cadence: 'monthly', deadline: DEADLINE }, rows: [{ title: uniq('粘贴交办'), leadUnitId: w().unitId }] } }) },
    'GET /api/v1/tasks/export': { allow: TASKS_READ, req: () => ({ url: v1('/tasks/export') }) },
    'GET /api/v1/tasks/calendar': { allow: TASKS_READ, req: () => ({ url: v1(`/tasks/calendar?month=${DEADLINE.slice(0, 7)}`) }) },
    'GET /api/v1/saved-filters': { allow: TASKS_READ, req: () => ({ url: v1('/saved-filters') }) },
    'POST /api/v1/saved-filters': { allow: TASKS_READ, ok: 201, req: () => ({ url: v1('/saved-filters'), body: { name: uniq('红灯'), query: 'rag=red' } }) },
    'DELETE /api/v1/saved-filters/{id}': {
      allow: TASKS_READ,
      req: async (role) => {
        const mine = await w().clients[role].post(v1('/saved-filters'), { name: uniq('待删'), query: 'rag=red' });
        const theirs = mine.statusCode === 201 ? mine.json().id : (await w().clients.viewer.post(v1('/saved-filters'), { name: uniq('别人的'), query: 'x=1' })).json().id;
        return { url: v1(`/saved-filters/${theirs}`) };
      },
    },
    'GET /api/v1/recurring-tasks': { allow: ['supervisor'], req: () => ({ url: v1('/recurring-tasks') }) },
    'POST /api/v1/recurring-tasks': { allow: ['supervisor'], ok: 201, req: () => ({ url: v1('/recurring-tasks'), body: recurringBody() }) },
    'GET /api/v1/recurring-tasks/{id}': { allow: ['supervisor'], req: async () => ({ url: v1(`/recurring-tasks/${await recurringTask()}`) }) },
    'PATCH /api/v1/recurring-tasks/{id}': { allow: ['supervisor'], req: async () => ({ url: v1(`/recurring-tasks/${await recurringTask()}`), body: { active: false } }) },
    'DELETE /api/v1/recurring-tasks/{id}': { allow: ['supervisor'], req: async () => ({ url: v1(`/recurring-tasks/${await recurringTask()}`) }) },

    'POST /api/v1/tasks/{id}/escalations': { allow: ['supervisor'], ok: 201, req: async () => ({ url: v1(`/tasks/${await redTask()}/escalations`), body: { requirement: '请于三个工作日内说明滞后原因' } }) },
    'GET /api/v1/tasks/{id}/escalations': { allow: TASKS_READ, req: async () => ({ url: v1(`/tasks/${(await sharedRed()).taskId}/escalations`) }) },
    'GET /api/v1/escalations/{id}/docx': { allow: TASKS_READ, req: async () => ({ url: v1(`/escalations/${(await sharedRed()).id}/docx`) }) },
    'POST /api/v1/accountability-actions': { allow: ['supervisor'], ok: 201, req: () => ({ url: v1('/accountability-actions'), body: { unitId: w().unitId, kind: 'interview', reason: '工作推进不力', decidedOn: TODAY } }) },
    'GET /api/v1/accountability-actions': { allow: ASSESS, req: () => ({ url: v1('/accountability-actions') }) },
    'GET /api/v1/bulletins/preview': { allow: ASSESS, req: () => ({ url: v1(`/bulletins/preview?${PERIOD}`) }) },
    'GET /api/v1/bulletins/docx': { allow: ASSESS, req: () => ({ url: v1(`/bulletins/docx?${PERIOD}`) }) },
    'GET /api/v1/bulletins/xlsx': { allow: ASSESS, req: () => ({ url: v1(`/bulletins/xlsx?${PERIOD}`) }) },
    'GET /api/v1/assessment': { allow: ASSESS, req: () => ({ url: v1(`/assessment?${PERIOD}`) }) },
    'GET /api/v1/assessment/xlsx': { allow: ASSESS, req: () => ({ url: v1(`/assessment/xlsx?${PERIOD}`) }) },
    'GET /api/v1/assessment/units/{unitId}': { allow: ASSESS, req: () => ({ url: v1(`/assessment/units/${w().unitId}?${PERIOD}`) }) },
    'GET /api/v1/burden': { allow: ASSESS, req: () => ({ url: v1('/burden') }) },
    'GET /api/v1/burden/xlsx': { allow: ASSESS, req: () => ({ url: v1('/burden/xlsx') }) },
    // 企业库 (亩均): read with enterprises.read (the service narrows by township); written and imported by the 亩均 office (the world's unit).
    'GET /api/v1/enterprises': { allow: MU_READ, req: () => ({ url: v1('/enterprises') }) },
    'GET /api/v1/enterprises/options': { allow: MU_READ, req: () => ({ url: v1('/enterprises/options') }) },
    'GET /api/v1/enterprises/export': { allow: MU_READ, req: () => ({ url: v1('/enterprises/export') }) },
    'POST /api/v1/enterprises/import': { allow: MU_MANAGE, req: async () => ({ url: v1('/enterprises/import'), upload: await registryXlsx() }) },
    'GET /api/v1/enterprises/{id}': { allow: MU_READ, req: async () => ({ url: v1(`/enterprises/${await sharedEnterprise()}`) }) },
    'POST /api/v1/enterprises': { allow: MU_MANAGE, ok: 201, req: () => ({ url: v1('/enterprises'), body: { creditCode: entCode(), name: uniq('矩阵新企业') } }) },
    'PATCH /api/v1/enterprises/{id}': { allow: MU_MANAGE, req: async () => ({ url: v1(`/enterprises/${await enterprise()}`), body: { version: 1, park: '矩阵园区' } }) },
    'DELETE /api/v1/enterprises/{id}': { allow: MU_MANAGE, req: async () => ({ url: v1(`/enterprises/${await enterprise()}`) }) },
    'POST /api/v1/enterprises/{id}/parcels': { allow: MU_MANAGE, req: async () => ({ url: v1(`/enterprises/${await enterprise()}/parcels`), body: { areaMu: 3.5 } }) },
    'DELETE /api/v1/enterprises/{id}/parcels/{subId}': { allow: MU_MANAGE, req: async () => ({ url: v1(await parcel()) }) },
    'POST /api/v1/enterprises/{id}/tenancies': { allow: MU_MANAGE, req: async () => ({ url: v1(`/enterprises/${await enterprise()}/tenancies`), body: { landlordId: await sharedEnterprise(), areaMu: 2 } }) },
    'DELETE /api/v1/enterprises/{id}/tenancies/{subId}': { allow: MU_MANAGE, req: async () => ({ url: v1(await tenancy()) }) },
    'POST /api/v1/enterprise-data/import': { allow: MU_MANAGE, req: async () => ({ url: v1('/enterprise-data/import?source=tax&year=2025'), upload: await taxXlsx() }) },
    'GET /api/v1/enterprise-data/template': { allow: MU_MANAGE, req: () => ({ url: v1('/enterprise-data/template?source=power') }) },
    'GET /api/v1/enterprise-data/batches': { allow: MU_READ, req: () => ({ url: v1('/enterprise-data/batches') }) },
    'GET /api/v1/enterprise-data/completeness': { allow: MU_READ, req: () => ({ url: v1('/enterprise-data/completeness?year=2025') }) },
    // 亩均 差别化政策 and 统计分析: read with enterprises.read; policies written by the 亩均 office (the world's unit is made the office).
    'GET /api/v1/mu/policies': { allow: MU_READ, req: () => ({ url: v1('/mu/policies') }) },
    'POST /api/v1/mu/policies': { allow: MU_MANAGE, ok: 201, req: () => ({ url: v1('/mu/policies'), body: muPolicyBody() }) },
    'GET /api/v1/mu/policies/{id}': { allow: MU_READ, req: async () => ({ url: v1(`/mu/policies/${await sharedMuPolicy()}`) }) },
    'PATCH /api/v1/mu/policies/{id}': { allow: MU_MANAGE, req: async () => ({ url: v1(`/mu/policies/${await muPolicy()}`), body: { version: 1, note: '矩阵修改' } }) },
    'DELETE /api/v1/mu/policies/{id}': { allow: MU_MANAGE, req: async () => ({ url: v1(`/mu/policies/${await muPolicy()}`) }) },
    'GET /api/v1/mu/policies/{id}/list': { allow: MU_READ, req: async () => ({ url: v1(`/mu/policies/${await sharedMuPolicy()}/list?year=2026`) }) },
    'GET /api/v1/mu/policies/{id}/list/export': { allow: MU_READ, req: async () => ({ url: v1(`/mu/policies/${await sharedMuPolicy()}/list/export?year=2026`) }) },
    'GET /api/v1/mu/analysis/years': { allow: MU_READ, req: async () => { await muRun(); return { url: v1('/mu/analysis/years') }; } },
    'GET /api/v1/mu/analysis/classes': { allow: MU_READ, req: async () => ({ url: v1(`/mu/analysis/classes?by=township&year=${await muRun()}`) }) },
    'GET /api/v1/mu/analysis/per-mu': { allow: MU_READ, req: async () => ({ url: v1(`/mu/analysis/per-mu?by=industry&year=${await muRun()}`) }) },
    'GET /api/v1/mu/analysis/transitions': { allow: MU_READ, req: async () => ({ url: v1(`/mu/analysis/transitions?year=${await muRun()}`) }) },
    'GET /api/v1/mu/analysis/scores': { allow: MU_READ, req: async () => ({ url: v1(`/mu/analysis/scores?year=${await muRun()}`) }) },
    'GET /api/v1/mu/analysis/export': { allow: MU_READ, req: async () => ({ url: v1(`/mu/analysis/export?table=transitions&year=${await muRun()}`) }) },
    // 亩均 evaluation: read with enterprises.read (drafts the office only), written by the 亩均 office.
    'GET /api/v1/mu/schemes': { allow: MU_READ, req: () => ({ url: v1('/mu/schemes') }) },
    'POST /api/v1/mu/schemes': { allow: MU_MANAGE, ok: 201, req: () => ({ url: v1('/mu/schemes'), body: { year: muYear++, name: uniq('矩阵评价办法') } }) },
    'GET /api/v1/mu/schemes/{id}': { allow: MU_READ, req: async () => ({ url: v1(`/mu/schemes/${(await sharedMuEval()).schemeId}`) }) },
    'PUT /api/v1/mu/schemes/{id}': { allow: MU_MANAGE, req: async () => { const s = await muScheme(); return { url: v1(`/mu/schemes/${s.id}`), body: { version: 1, definition: s.definition } }; } },
    'GET /api/v1/mu/adjustments': { allow: MU_MANAGE, req: () => ({ url: v1('/mu/adjustments?year=2039') }) },
    'PUT /api/v1/mu/adjustments': { allow: MU_MANAGE, req: async () => ({ url: v1('/mu/adjustments'), body: { year: 2039, enterpriseId: (await sharedMuEval()).enterpriseId, itemKey: 'hightech', quantity: 1 } }) },
    'GET /api/v1/mu/adjustments/template': { allow: MU_MANAGE, req: async () => { await sharedMuEval(); return { url: v1('/mu/adjustments/template?year=2039') }; } },
    'POST /api/v1/mu/adjustments/import': { allow: MU_MANAGE, req: async () => {
      const e = await ctx.db.selectFrom('enterprises').select('creditCode').where('id', '=', (await sharedMuEval()).enterpriseId).executeTakeFirstOrThrow();
      return { url: v1('/mu/adjustments/import?year=2039'), upload: await buildXlsx({ header: ['统一社会信用代码', '事项', '数量'], rows: [[e.creditCode, '国家高新技术企业', 1]] }) };
    } },
    'GET /api/v1/mu/runs': { allow: MU_READ, req: () => ({ url: v1('/mu/runs') }) },
    'POST /api/v1/mu/runs': { allow: MU_MANAGE, ok: 201, req: async () => ({ url: v1('/mu/runs'), body: { schemeId: (await muScheme()).id } }) },
    'GET /api/v1/mu/runs/{id}': { allow: MU_READ, req: async () => ({ url: v1(`/mu/runs/${(await sharedMuEval()).runId}`) }) },
    'DELETE /api/v1/mu/runs/{id}': { allow: MU_MANAGE, req: async () => ({ url: v1(`/mu/runs/${await muDraftRun()}`) }) },
    'POST /api/v1/mu/runs/{id}/rerun': { allow: MU_MANAGE, req: async () => ({ url: v1(`/mu/runs/${await muDraftRun()}/rerun`) }) },
    'POST /api/v1/mu/runs/{id}/publish': { allow: MU_MANAGE, req: async () => ({ url: v1(`/mu/runs/${await muDraftRun()}/publish`) }) },
    'GET /api/v1/mu/runs/{id}/reproduce': { allow: MU_READ, req: async () => ({ url: v1(`/mu/runs/${(await sharedMuEval()).runId}/reproduce`) }) },
    'GET /api/v1/mu/runs/{id}/results': { allow: MU_READ, req: async () => ({ url: v1(`/mu/runs/${(await sharedMuEval()).runId}/results`) }) },
    'GET /api/v1/mu/runs/{id}/results/export': { allow: MU_READ, req: async () => ({ url: v1(`/mu/runs/${(await sharedMuEval()).runId}/results/export`) }) },
    'GET /api/v1/mu/runs/{id}/results/{enterpriseId}': { allow: MU_READ, req: async () => { const e = await sharedMuEval(); return { url: v1(`/mu/runs/${e.runId}/results/${e.enterpriseId}`) }; } },
    'GET /api/v1/mu/runs/{id}/results/{enterpriseId}/report': { allow: MU_READ, req: async () => { const e = await sharedMuEval(); return { url: v1(`/mu/runs/${e.runId}/results/${e.enterpriseId}/report`) }; } },
    // 重大项目推进: 挂图作战, 月报, 红黄绿灯, 问题, 现场办公 (the plan is approved by the 督查室 or a library unit; a visit recorded by the 督查室 or a leader; a red project sent by its leader or the 督查室).
    'GET /api/v1/projects/overview': { allow: PROJ_READ, req: () => ({ url: v1('/projects/overview') }) },
    'GET /api/v1/projects/overview/export': { allow: PROJ_READ, req: () => ({ url: v1('/projects/overview/export?table=stage') }) },
    'GET /api/v1/projects/reports/export': { allow: PROJ_READ, req: () => ({ url: v1('/projects/reports/export') }) },
    'GET /api/v1/projects/battle-map': { allow: PROJ_READ, req: () => ({ url: v1('/projects/battle-map') }) },
    'GET /api/v1/projects/{id}/milestones': { allow: PROJ_READ, req: async () => ({ url: v1(`/projects/${await sharedProject()}/milestones`) }) },
    'POST /api/v1/projects/{id}/milestones': { allow: PROJ_EDIT, ok: 201, req: async () => ({ url: v1(`/projects/${await sharedProject()}/milestones`), body: { title: uniq('节点'), plannedEnd: DEADLINE } }) },
    'PATCH /api/v1/projects/{id}/milestones/{milestoneId}': { allow: PROJ_EDIT, req: async () => ({ url: v1(await milestone()), body: { version: 1, plannedEnd: DEADLINE, note: '调整' } }) },
    'DELETE /api/v1/projects/{id}/milestones/{milestoneId}': { allow: PROJ_EDIT, req: async () => ({ url: v1(await milestone()) }) },
    'POST /api/v1/projects/{id}/plan-approval': { allow: ['supervisor'], req: async () => ({ url: v1(`/projects/${await plannedProject()}/plan-approval`), body: {} }) },
    'GET /api/v1/projects/{id}/reports': { allow: PROJ_READ, req: async () => ({ url: v1(`/projects/${await sharedProject()}/reports`) }) },
    'GET /api/v1/projects/{id}/reports/form': { allow: PROJ_READ, req: async () => ({ url: v1(`/projects/${await sharedProject()}/reports/form`) }) },
    'PUT /api/v1/projects/{id}/reports/{period}': { allow: PROJ_EDIT, req: async () => ({ url: v1(`/projects/${await sharedProject()}/reports/${TODAY.slice(0, 7)}`), body: { amount: 10, progressText: '按计划推进' } }) },
    'POST /api/v1/projects/{id}/reports/{period}/photos': { allow: PROJ_EDIT, ok: 201, req: async () => ({ url: v1(await sharedPhotoReport()), upload: JPEG, filename: '形象进度.jpg' }) },
    'GET /api/v1/projects/{id}/reports/{period}/photos/{photoId}': { allow: PROJ_READ, req: async () => ({ url: v1(await (sharedPhoto ??= reportPhoto('supervisor'))) }) },
    'DELETE /api/v1/projects/{id}/reports/{period}/photos/{photoId}': { allow: PROJ_EDIT, req: async (role) => ({ url: v1(await reportPhoto(PROJ_EDIT.includes(role as Role) ? role : 'supervisor')) }) },
    'GET /api/v1/projects/{id}/light': { allow: PROJ_READ, req: async () => ({ url: v1(`/projects/${await sharedProject()}/light`) }) },
    'GET /api/v1/projects/{id}/problems': { allow: PROJ_READ, req: async () => ({ url: v1(`/projects/${await sharedProject()}/problems`) }) },
    'POST /api/v1/projects/{id}/problems': { allow: PROJ_EDIT, ok: 201, req: async () => ({ url: v1(`/projects/${await sharedProject()}/problems`), body: { kind: 'funds', description: uniq('资金未到位') } }) },
    'POST /api/v1/projects/{id}/referral': { allow: ['leader', 'supervisor'], ok: 201, req: async () => ({ url: v1(`/projects/${await redProject()}/referral`), body: {} }) },
    'GET /api/v1/projects/{id}/visits': { allow: PROJ_READ, req: async () => ({ url: v1(`/projects/${await sharedProject()}/visits`) }) },
    'POST /api/v1/projects/{id}/visits': { allow: ['leader', 'supervisor'], ok: 201, req: async () => ({ url: v1(`/projects/${await sharedProject()}/visits`), body: { leaderUserId: w().users.leader.id, visitedOn: TODAY, attendees: '矩阵测试', decisions: [] } }) },
    // 重大项目 项目库: read with projects.read; created and imported by the 督查室 or a library unit (setting projects.libraryUnitIds); edited, moved and its approvals recorded by those or the lead unit.
    'GET /api/v1/projects': { allow: PROJ_READ, req: () => ({ url: v1('/projects') }) },
    'GET /api/v1/projects/options': { allow: PROJ_READ, req: () => ({ url: v1('/projects/options') }) },
    'GET /api/v1/projects/stock': { allow: PROJ_READ, req: () => ({ url: v1('/projects/stock') }) },
    'GET /api/v1/projects/conversion': { allow: PROJ_READ, req: () => ({ url: v1('/projects/conversion') }) },
    'GET /api/v1/projects/export': { allow: PROJ_READ, req: () => ({ url: v1('/projects/export') }) },
    'POST /api/v1/projects/import': { allow: ['supervisor'], req: async () => ({ url: v1('/projects/import'), upload: await projectLedger() }) },
    'POST /api/v1/projects': { allow: ['supervisor'], ok: 201, req: () => ({ url: v1('/projects'), body: { name: uniq('矩阵新项目'), category: '产业', totalInvestment: 500, leadUnitId: w().unitId } }) },
    'GET /api/v1/projects/{id}': { allow: PROJ_READ, req: async () => ({ url: v1(`/projects/${(await sharedLibProject()).id}`) }) },
    'PATCH /api/v1/projects/{id}': { allow: PROJ_EDIT, req: async () => { const p = await libProject(); return { url: v1(`/projects/${p.id}`), body: { version: p.version, content: '矩阵修改' } }; } },
    'POST /api/v1/projects/{id}/stage': { allow: PROJ_EDIT, req: async () => { const p = await libProject(); return { url: v1(`/projects/${p.id}/stage`), body: { version: p.version, to: 'planning', movedOn: TODAY } }; } },
    'GET /api/v1/projects/{id}/stage-moves': { allow: PROJ_READ, req: async () => ({ url: v1(`/projects/${(await sharedLibProject()).id}/stage-moves`) }) },
    'GET /api/v1/projects/{id}/approvals': { allow: PROJ_READ, req: async () => ({ url: v1(`/projects/${(await sharedLibProject()).id}/approvals`) }) },
    'PUT /api/v1/projects/{id}/approvals/{kind}': { allow: PROJ_EDIT, req: async () => ({ url: v1(`/projects/${(await libProject()).id}/approvals/environment`), body: { plannedOn: DEADLINE } }) },

    // Everyone has an inbox of his own.
    'GET /api/v1/notifications': { allow: 'all', req: () => ({ url: v1('/notifications') }) },
    'GET /api/v1/notifications/unread-count': { allow: 'all', req: () => ({ url: v1('/notifications/unread-count') }) },
    'POST /api/v1/notifications/read-all': { allow: 'all', req: () => ({ url: v1('/notifications/read-all'), body: {} }) },
    'POST /api/v1/notifications/{id}/read': { allow: 'all', req: async (role) => ({ url: v1(`/notifications/${await notice(w().users[role].id)}/read`), body: {} }) },
    'GET /api/v1/webhooks': { allow: HOOKS, req: () => ({ url: v1('/webhooks') }) },
    'POST /api/v1/webhooks': { allow: HOOKS, ok: 201, req: () => ({ url: v1('/webhooks'), body: { kind: 'wecom', url: ROBOT } }) },
    'PATCH /api/v1/webhooks/{id}': { allow: HOOKS, req: async () => ({ url: v1(`/webhooks/${await webhook()}`), body: { enabled: false } }) },
    'DELETE /api/v1/webhooks/{id}': { allow: HOOKS, req: async () => ({ url: v1(`/webhooks/${await webhook()}`) }) },
    'POST /api/v1/webhooks/{id}/test': { allow: HOOKS, req: async () => ({ url: v1(`/webhooks/${await webhook()}/test`), body: {} }) },
    // A step of the loop is further limited by the side: only the lead unit's people accept.
    'POST /api/v1/tasks/{id}/actions/{action}': { allow: ['unit_admin', 'unit_staff'], req: async (role) => { const t = role === 'unit_admin' || role === 'unit_staff' ? await task() : await sharedTask(); return { url: v1(`/tasks/${t.id}/actions/accept`), body: { version: t.version } }; } },
  };
}

async function send(c: Client, method: string, r: Req) {
  if (r.upload) return c.upload(r.url, r.filename ?? 'import.xlsx', r.upload);
  return c.request(method, r.url, r.body);
}

describeEachDb('permission matrix', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let w: World;
  let endpoints: Record<string, Endpoint>;
  beforeAll(async () => {
    ({ app, ctx } = await testApp(getDb(), { webhookAllowHttpLoopback: true }));
    w = await buildWorld(app, ctx);
    endpoints = table(app, ctx, () => w);
    await setMuOffice(ctx, [w.unitId]);
  });

  it('lists every /api/v1 endpoint of the OpenAPI document, and no other', () => {
    const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).filter(([p]) => p.startsWith('/api/v1/'))
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).sort();
    expect(Object.keys(endpoints).sort()).toEqual(documented);
  });

  it('refuses every endpoint but login to a request without a session (401)', async () => {
    const anon = new Client(app);
    const wrong: string[] = [];
    for (const [key, e] of Object.entries(endpoints)) {
      if (e.public) continue;
      const [method] = key.split(' ');
      const res = await send(anon, method, await e.req('viewer'));
      if (res.statusCode !== 401 || res.json().code !== 'unauthorized') wrong.push(`${key}: ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  describe('role by role', () => {
    for (const role of ROLES_AND_NONE) {
      it(`${role}: allowed endpoints answer 2xx, the others 403 with nothing written`, async () => {
        const wrong: string[] = [];
        for (const [key, e] of Object.entries(endpoints)) {
          const [method] = key.split(' ');
          const allowed = e.allow === 'all' || (role !== 'none' && e.allow.includes(role));
          const expected = allowed ? (typeof e.ok === 'function' ? e.ok(role) : e.ok ?? 200) : 403;
          const client = e.fresh ? await signIn(app, ctx, await buildUser(ctx, { regionCode: w.region, unitId: w.users[role].unitId, roles: role === 'none' ? [] : [role] })) : w.clients[role];
          const r = await e.req(role);
          const before = await auditCount(ctx);
          const res = await send(client, method, r);
          if (res.statusCode !== expected) { wrong.push(`${key} as ${role}: ${res.statusCode}, expected ${expected} — ${res.body.slice(0, 160)}`); continue; }
          if (expected === 403) {
            expectProblem(res, 403, 'forbidden');
            if ((await auditCount(ctx)) !== before) wrong.push(`${key} as ${role}: refused but an audit entry was written`);
          }
        }
        expect(wrong).toEqual([]);
      });
    }
  });
});

describeEachDb('data scope and 三员分立', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let w: World;
  let city: string; let countyB: string; let countyX: string;
  let unitB: string; let userB: string; let leaderB: string; let unitX: string;
  beforeAll(async () => {
    ({ app, ctx } = await testApp(getDb()));
    city = (await buildRegion(ctx, { level: 'city', name: '测试市' })).code;
    const countyA = (await buildRegion(ctx, { parentCode: city })).code;
    countyB = (await buildRegion(ctx, { parentCode: city })).code;
    countyX = (await buildRegion(ctx)).code; // a county of another city
    w = await buildWorld(app, ctx, countyA);
    unitB = (await buildUnit(ctx, countyB)).id;
    const ub = await buildUser(ctx, { regionCode: countyB, unitId: unitB, roles: ['leader'] });
    userB = ub.id;
    leaderB = (await buildLeader(ctx, ub, [unitB])).id;
    unitX = (await buildUnit(ctx, countyX)).id;
  });

  it('a unit administrator lists only the users of his unit and cannot reach the others', async () => {
    const c = w.clients.unit_admin;
    const list = (await c.get('/api/v1/users?pageSize=200')).json();
    const inUnit = await ctx.db.selectFrom('users').select('id').where('unitId', '=', w.unitId).execute();
    expect(list.total).toBe(inUnit.length);
    expect(list.items.map((u: any) => u.id).sort()).toEqual(inUnit.map((u) => u.id).sort());
    expect((await c.get(`/api/v1/users?unitId=${w.officeId}`)).json().total).toBe(0);
    expect((await c.get(`/api/v1/users/${w.users.unit_staff.id}`)).statusCode).toBe(200);
    expectProblem(await c.get(`/api/v1/users/${w.users.supervisor.id}`), 404, 'notFound');
    expectProblem(await c.post(`/api/v1/users/${w.users.supervisor.id}/reset-password`), 404, 'notFound');
  });

  it('a county user never sees another county: 404 by id, absent from lists and filters', async () => {
    for (const role of ['viewer', 'sysadmin', 'supervisor'] as const) {
      const c = w.clients[role];
      expectProblem(await c.get(`/api/v1/units/${unitB}`), 404, 'notFound');
      expectProblem(await c.get(`/api/v1/leaders/${leaderB}`), 404, 'notFound');
      const units = (await c.get('/api/v1/units?pageSize=200')).json();
      expect(units.items.every((u: any) => u.regionCode === w.region)).toBe(true);
      expect((await c.get(`/api/v1/units?regionCode=${countyB}`)).json().total).toBe(0);
      expect((await c.get('/api/v1/leaders')).json().every((l: any) => l.regionCode === w.region)).toBe(true);
      expect((await c.get('/api/v1/regions')).json().map((r: any) => r.code)).not.toContain(countyB);
    }
    expectProblem(await w.clients.sysadmin.get(`/api/v1/users/${userB}`), 404, 'notFound');
    expectProblem(await w.clients.sysadmin.patch(`/api/v1/units/${unitB}`, { version: 1, phone: '123' }), 404, 'notFound');
    expectProblem(await w.clients.secadmin.put(`/api/v1/users/${userB}/roles`, { roles: ['viewer'] }), 404, 'notFound');
    const roles = await ctx.db.selectFrom('userRoles').select('role').where('userId', '=', userB).execute();
    expect(roles.map((r) => r.role)).toEqual(['leader']);
  });

  it('a city user reads the units of both counties below the city, and no other county', async () => {
    const cityViewer = await signIn(app, ctx, await buildUser(ctx, { regionCode: city, roles: ['viewer'] }));
    const me = (await cityViewer.get('/api/v1/auth/me')).json().me;
    expect(me.readRegions.map((r: any) => r.code).sort()).toEqual([city, w.region, countyB].sort());
    const units = (await cityViewer.get('/api/v1/units?pageSize=200')).json().items;
    expect(units.map((u: any) => u.id)).toEqual(expect.arrayContaining([w.unitId, unitB]));
    expect(new Set(units.map((u: any) => u.regionCode))).toEqual(new Set([w.region, countyB]));
    expect((await cityViewer.get(`/api/v1/units/${unitB}`)).statusCode).toBe(200);
    expect((await cityViewer.get(`/api/v1/units/${w.unitId}`)).statusCode).toBe(200);
    expectProblem(await cityViewer.get(`/api/v1/units/${unitX}`), 404);
    // Reading is not writing: a city administrator changes nothing in a county.
    const citySys = await signIn(app, ctx, await buildUser(ctx, { regionCode: city, roles: ['sysadmin'] }));
    expectProblem(await citySys.patch(`/api/v1/units/${unitB}`, { version: 1, phone: '123' }), 404);
  });

  it('business scope: a leader sees the tasks of his portfolio, a unit its own, another county nothing', async () => {
    const mk = async (leadUnitId: string) => (await w.clients.supervisor.post('/api/v1/tasks', { source: 'instruction', title: `范围测试${leadUnitId}${Math.random()}`, leadUnitId, deadline: DEADLINE, cadence: 'monthly' })).json().task.id as string;
    const mine = await mk(w.unitId);
    const other = await mk(w.otherUnitId);
    const ids = async (c: Client) => (await c.get('/api/v1/tasks?pageSize=200')).json().items.map((t: any) => t.id);
    for (const role of ['leader', 'unit_staff', 'unit_admin'] as const) {
      expect(await ids(w.clients[role])).toContain(mine);
      expect(await ids(w.clients[role])).not.toContain(other);
      expectProblem(await w.clients[role].get(`/api/v1/tasks/${other}`), 404);
    }
    expect(await ids(w.clients.viewer)).toEqual(expect.arrayContaining([mine, other]));
    const supB = await signIn(app, ctx, await buildUser(ctx, { regionCode: countyB, unitId: unitB, roles: ['supervisor'] }));
    expect(await ids(supB)).not.toContain(mine);
    expectProblem(await supB.get(`/api/v1/tasks/${mine}`), 404);
  });

  it('三员分立: the system administrator reads no audit and grants no roles; the security administrator creates no units', async () => {
    const before = await snapshotCounts(ctx);
    expectProblem(await w.clients.sysadmin.get('/api/v1/audit'), 403, 'forbidden');
    expectProblem(await w.clients.sysadmin.put(`/api/v1/users/${w.users.viewer.id}/roles`, { roles: ['supervisor'] }), 403, 'forbidden');
    expectProblem(await w.clients.sysadmin.post('/api/v1/users', { username: 'withroles1', displayName: '带角色', roles: ['viewer'] }), 403, 'forbidden');
    expectProblem(await w.clients.secadmin.post('/api/v1/units', { name: '安全管理员建的局', kind: 'bureau' }), 403, 'forbidden');
    expectProblem(await w.clients.auditor.get('/api/v1/units'), 403, 'forbidden');
    expectProblem(await w.clients.auditor.get('/api/v1/users'), 403, 'forbidden');
    expect(await snapshotCounts(ctx)).toEqual(before);
  });

  it('nobody grants himself roles, and no account holds an administrator role together with another role', async () => {
    const sec = w.clients.secadmin;
    expectProblem(await sec.put(`/api/v1/users/${w.users.secadmin.id}/roles`, { roles: ['secadmin', 'sysadmin'] }), 403, 'forbidden');
    expectProblem(await w.clients.sysadmin.patch(`/api/v1/users/${w.users.sysadmin.id}`, { version: 1, roles: ['secadmin'] }), 400, 'invalid');
    for (const roles of [['sysadmin', 'auditor'], ['secadmin', 'auditor'], ['sysadmin', 'supervisor'], ['auditor', 'viewer']]) {
      const body = expectProblem(await sec.put(`/api/v1/users/${w.users.viewer.id}/roles`, { roles }), 400, 'invalid');
      expect(body.errors.map((e: any) => e.field)).toEqual(['roles']);
    }
    const held = async (id: string) => (await ctx.db.selectFrom('userRoles').select('role').where('userId', '=', id).execute()).map((r) => r.role).sort();
    expect(await held(w.users.secadmin.id)).toEqual(['secadmin']);
    expect(await held(w.users.viewer.id)).toEqual(['viewer']);
    // Ordinary combinations remain possible.
    const u = await buildUser(ctx, { regionCode: w.region, unitId: w.unitId, roles: ['unit_staff'] });
    expect((await sec.put(`/api/v1/users/${u.id}/roles`, { roles: ['unit_admin', 'unit_staff'] })).json().roles.sort()).toEqual(['unit_admin', 'unit_staff']);
  });
});
