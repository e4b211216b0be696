// Users (用户) and their roles (角色). Accounts by the system administrator; roles only by the security administrator.
import type { Ctx, Trx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import { ADMIN_ROLES, ROLES, ROLE_LABELS, type Role } from '../../../common/roles.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize, can } from '../../platform/access/policies.js';
import { newId } from '../../platform/clock.js';
import { Conflict, Forbidden, Invalid, NotFound, type FieldError } from '../../platform/errors.js';
import { hashPassword, temporaryPassword } from '../../platform/auth/passwords.js';
import { revokeUserSessions } from '../../platform/auth/sessions.js';
import { readTable, writeTable, type ColumnSpec } from '../../platform/excel/excel.js';
import { isUniqueViolation } from '../../db/db-errors.js';
import { allUnitNames, unitBelongsTo } from '../units/service.js';
import * as repo from './repository.js';
import type { UserCreateInput, UserListFilter, UserPatchInput, UserView } from './schemas.js';

const nowIso = (ctx: Ctx) => ctx.clock.now().toISOString();

export function listUsers(ctx: Ctx, actor: Actor, f: UserListFilter) {
  authorize(actor, 'users.read');
  return repo.listUsers(ctx.db, actor, f, nowIso(ctx));
}

export async function getUser(ctx: Ctx, actor: Actor, id: string, trx: Trx = ctx.db): Promise<UserView> {
  authorize(actor, 'users.read');
  const u = await repo.findUser(trx, actor, id, nowIso(ctx));
  if (!u) throw new NotFound('user');
  return u;
}

async function checkUnit(_ctx: Ctx, actor: Actor, unitId: string | null | undefined, trx: Trx) {
  if (!unitId) return;
  if (!(await unitBelongsTo(trx, actor.regionCode, unitId))) throw new Invalid({ field: 'unitId', code: 'invalid.value' });
}

function checkGrant(actor: Actor, roles: Role[] | undefined) {
  if (!roles?.length) return;
  if (!can(actor, 'roles.grant')) throw new Forbidden();
  if (!separateAdminRoles(roles)) throw new Invalid({ field: 'roles', code: 'invalid.value' });
}

/** 三员分立: an account holding sysadmin, secadmin or auditor is a dedicated account and holds no other role. */
const separateAdminRoles = (roles: readonly Role[]) => !roles.some((r) => ADMIN_ROLES.includes(r)) || roles.length === 1;

export async function createUser(ctx: Ctx, actor: Actor, input: UserCreateInput): Promise<{ user: UserView; temporaryPassword: string }> {
  authorize(actor, 'users.write');
  checkGrant(actor, input.roles);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return inTransaction(ctx, async (trx) => {
    await checkUnit(ctx, actor, input.unitId, trx);
    if (await repo.usernameTaken(trx, input.username)) throw new Conflict('conflict.duplicate', { field: '用户名 username' });
    const id = newId();
    try {
      await repo.insertUser(trx, {
        id, regionCode: actor.regionCode, unitId: input.unitId ?? null, username: input.username, displayName: input.displayName.trim(),
        title: input.title?.trim() || null, phone: input.phone?.trim() || null, passwordHash, createdAt: nowIso(ctx), updatedAt: nowIso(ctx),
      }, input.roles ?? []);
    } catch (e) {
      if (isUniqueViolation(e)) throw new Conflict('conflict.duplicate', { field: '用户名 username' });
      throw e;
    }
    const user = (await repo.findUser(trx, actor, id, nowIso(ctx)))!;
    await audit(ctx, trx, actor, { action: 'user.create', entityType: 'user', entityId: id, after: user });
    return { user, temporaryPassword: password };
  });
}

export async function updateUser(ctx: Ctx, actor: Actor, id: string, input: UserPatchInput): Promise<UserView> {
  authorize(actor, 'users.write');
  return inTransaction(ctx, async (trx) => {
    const before = await repo.findUser(trx, actor, id, nowIso(ctx));
    if (!before || before.regionCode !== actor.regionCode) throw new NotFound('user');
    if (input.unitId !== undefined) await checkUnit(ctx, actor, input.unitId, trx);
    if (input.disabled && id === actor.userId) throw new Invalid({ field: 'disabled', code: 'invalid.value' });
    const { version, ...fields } = input;
    const set: Record<string, unknown> = { updatedAt: nowIso(ctx) };
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) set[k] = typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'string' ? v.trim() || null : v;
    if (!(await repo.updateUser(trx, id, version, set))) throw new Conflict('conflict.version', {}, { currentVersion: before.version });
    if (input.disabled) await revokeUserSessions(ctx, trx, id);
    const after = (await repo.findUser(trx, actor, id, nowIso(ctx)))!;
    await audit(ctx, trx, actor, { action: input.disabled === true ? 'user.disable' : 'user.update', entityType: 'user', entityId: id, before, after });
    return after;
  });
}

export async function setUserRoles(ctx: Ctx, actor: Actor, id: string, roles: Role[]): Promise<UserView> {
  authorize(actor, 'roles.grant');
  if (id === actor.userId) throw new Forbidden(); // nobody grants himself roles
  checkGrant(actor, roles);
  return inTransaction(ctx, async (trx) => {
    const before = await repo.findUser(trx, actor, id, nowIso(ctx));
    if (!before || before.regionCode !== actor.regionCode) throw new NotFound('user');
    await repo.setRoles(trx, id, roles);
    await trx.updateTable('users').set({ version: before.version + 1, updatedAt: nowIso(ctx) }).where('id', '=', id).execute();
    const after = (await repo.findUser(trx, actor, id, nowIso(ctx)))!;
    await audit(ctx, trx, actor, { action: 'user.roles', entityType: 'user', entityId: id, before: { roles: before.roles }, after: { roles: after.roles } });
    return after;
  });
}

/** Admin reset: a temporary password, changed at next login; unlocks the account and ends its sessions. */
export async function resetPassword(ctx: Ctx, actor: Actor, id: string): Promise<string> {
  authorize(actor, 'users.resetPassword');
  const target = await getUser(ctx, actor, id);
  if (target.roles.some((r) => ADMIN_ROLES.includes(r)) && !actor.roles.has('secadmin')) throw new Forbidden();
  if (id === actor.userId) throw new Forbidden();
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  await inTransaction(ctx, async (trx) => {
    await trx.updateTable('users').set({ passwordHash: hash, mustChangePassword: 1, failedAttempts: 0, lockedUntil: null, updatedAt: nowIso(ctx) }).where('id', '=', id).execute();
    await revokeUserSessions(ctx, trx, id);
    await audit(ctx, trx, actor, { action: 'user.password_reset', entityType: 'user', entityId: id, after: { username: target.username } });
  });
  return password;
}

export async function resetTotp(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'totp.reset');
  const target = await getUser(ctx, actor, id);
  await inTransaction(ctx, async (trx) => {
    await trx.updateTable('users').set({ totpSecret: null, totpEnabled: 0, recoveryCodes: null, updatedAt: nowIso(ctx) }).where('id', '=', id).execute();
    await revokeUserSessions(ctx, trx, id);
    await audit(ctx, trx, actor, { action: 'user.totp_reset', entityType: 'user', entityId: id, after: { username: target.username } });
  });
}

// ---- Excel ----

const ROLE_BY_TEXT = new Map<string, Role>();
for (const r of ROLES) { ROLE_BY_TEXT.set(r, r); ROLE_BY_TEXT.set(ROLE_LABELS[r]['zh-CN'], r); ROLE_BY_TEXT.set(ROLE_LABELS[r]['en-US'].toLowerCase(), r); }
ROLE_BY_TEXT.set('领导', 'leader'); ROLE_BY_TEXT.set('督查', 'supervisor'); ROLE_BY_TEXT.set('联络员', 'unit_staff'); ROLE_BY_TEXT.set('经办人', 'unit_staff');

export const USER_COLUMNS: ColumnSpec<'username' | 'displayName' | 'unit' | 'title' | 'phone' | 'roles'>[] = [
  { key: 'username', headers: ['用户名', '账号', '登录名'], required: true },
  { key: 'displayName', headers: ['姓名', '名字'], required: true },
  { key: 'unit', headers: ['所属单位', '单位', '单位名称'] },
  { key: 'title', headers: ['职务', '岗位'] },
  { key: 'phone', headers: ['手机', '手机号', '联系电话', '电话'] },
  { key: 'roles', headers: ['角色'] },
];

export async function importUsers(ctx: Ctx, actor: Actor, file: Buffer, commit: boolean) {
  authorize(actor, 'users.write');
  const rows = await readTable(file, USER_COLUMNS);
  const units = new Map<string, string>();
  for (const u of await allUnitNames(ctx.db, actor.regionCode)) { units.set(u.name, u.id); if (u.shortName) units.set(u.shortName, u.id); }
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  const parsed: { username: string; displayName: string; unitId: string | null; title: string | null; phone: string | null; roles: Role[] }[] = [];
  const existing = new Set((await ctx.db.selectFrom('users').select('username').where('username', 'in', rows.map((r) => r.values.username ?? '').filter(Boolean)).execute()).map((u) => u.username));
  for (const r of rows) {
    const v = r.values;
    const e = (field: string, code: string, params?: Record<string, unknown>) => errors.push({ row: r.row, field, code, params });
    const username = (v.username ?? '').trim();
    if (!/^[A-Za-z0-9_.-]{3,32}$/.test(username)) e('用户名', 'invalid.pattern');
    else if (seen.has(username)) e('用户名', 'conflict.duplicate', { field: `用户名（第 ${seen.get(username)} 行）` });
    else if (existing.has(username)) e('用户名', 'conflict.duplicate', { field: '用户名' });
    seen.set(username, r.row);
    const displayName = (v.displayName ?? '').trim();
    if (displayName.length < 2 || displayName.length > 30) e('姓名', 'invalid.minLength', { limit: 2 });
    let unitId: string | null = null;
    if (v.unit) { unitId = units.get(v.unit.trim()) ?? null; if (!unitId) e('所属单位', 'invalid.value'); }
    if (v.phone && !/^[0-9+\- ]{5,20}$/.test(v.phone)) e('手机', 'invalid.pattern');
    const roles: Role[] = [];
    for (const t of (v.roles ?? '').split(/[,，、;；\s]+/).filter(Boolean)) {
      const role = ROLE_BY_TEXT.get(t) ?? ROLE_BY_TEXT.get(t.toLowerCase());
      if (!role) e('角色', 'invalid.enum', { allowed: ROLES.map((x) => ROLE_LABELS[x]['zh-CN']).join('、') });
      else roles.push(role);
    }
    if (roles.length && !can(actor, 'roles.grant')) e('角色', 'forbidden');
    else if (!separateAdminRoles(roles)) e('角色', 'invalid.value');
    parsed.push({ username, displayName, unitId, title: v.title?.trim() || null, phone: v.phone?.trim() || null, roles });
  }
  const preview = { total: parsed.length, created: parsed.length, updated: 0, errors: errors.map((e) => ({ row: e.row!, field: e.field, code: e.code, params: e.params })), credentials: [] as { username: string; temporaryPassword: string }[] };
  if (errors.length) {
    if (commit) throw new Invalid(errors, 'import.badRows', { count: new Set(errors.map((e) => e.row)).size });
    return preview;
  }
  if (!commit) return preview;
  const prepared: { p: (typeof parsed)[number]; pw: string; hash: string }[] = [];
  for (const p of parsed) { const pw = temporaryPassword(); prepared.push({ p, pw, hash: await hashPassword(pw) }); }
  await inTransaction(ctx, async (trx) => {
    for (const { p, hash } of prepared) {
      await repo.insertUser(trx, { id: newId(), regionCode: actor.regionCode, unitId: p.unitId, username: p.username, displayName: p.displayName, title: p.title, phone: p.phone, passwordHash: hash, createdAt: nowIso(ctx), updatedAt: nowIso(ctx) }, p.roles);
    }
    await audit(ctx, trx, actor, { action: 'user.import', entityType: 'user', after: { created: parsed.length, usernames: parsed.map((p) => p.username) } });
  });
  preview.credentials = prepared.map(({ p, pw }) => ({ username: p.username, temporaryPassword: pw }));
  return preview;
}

export async function exportUsers(ctx: Ctx, actor: Actor, f: UserListFilter): Promise<Buffer> {
  authorize(actor, 'users.read');
  const { items } = await repo.listUsers(ctx.db, actor, { ...f, page: 1, pageSize: 200_000 }, nowIso(ctx));
  return writeTable('用户', null, [
    { header: '用户名', width: 16, value: (u: UserView) => u.username },
    { header: '姓名', width: 10, value: (u) => u.displayName },
    { header: '所属单位', width: 32, value: (u) => u.unitName },
    { header: '职务', width: 14, value: (u) => u.title },
    { header: '手机', width: 14, value: (u) => u.phone },
    { header: '角色', width: 24, value: (u) => u.roles.map((r) => ROLE_LABELS[r]['zh-CN']).join('、') },
    { header: '状态', width: 8, value: (u) => (u.disabled ? '停用' : u.locked ? '锁定' : '正常') },
  ], items);
}
