// The users module's face for sign-in: credential fields of a user (password, lockout, TOTP).
import type { Ctx, Trx } from '../../context.js';
import type { Role } from '../../../common/roles.js';

export interface Credentials {
  id: string; username: string; displayName: string; regionCode: string; passwordHash: string; mustChangePassword: boolean;
  failedAttempts: number; lockedUntil: string | null; totpSecret: string | null; totpEnabled: boolean; recoveryCodes: string | null; totpLastStep: number | null;
  disabled: boolean; roles: Role[];
}

export async function credentialsByUsername(ctx: Ctx, username: string, trx: Trx = ctx.db): Promise<Credentials | null> {
  const u = await trx.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return u ? withRoles(trx, u) : null;
}

export async function credentialsById(ctx: Ctx, id: string, trx: Trx = ctx.db): Promise<Credentials | null> {
  const u = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return u ? withRoles(trx, u) : null;
}

async function withRoles(trx: Trx, u: any): Promise<Credentials> {
  const roles = (await trx.selectFrom('userRoles').select('role').where('userId', '=', u.id).execute()).map((r) => r.role as Role);
  return {
    id: u.id, username: u.username, displayName: u.displayName, regionCode: u.regionCode, passwordHash: u.passwordHash,
    mustChangePassword: !!u.mustChangePassword, failedAttempts: u.failedAttempts, lockedUntil: u.lockedUntil,
    totpSecret: u.totpSecret, totpEnabled: !!u.totpEnabled, recoveryCodes: u.recoveryCodes, totpLastStep: u.totpLastStep ?? null, disabled: !!u.disabled, roles,
  };
}

export type CredentialPatch = Partial<{
  passwordHash: string; mustChangePassword: boolean; failedAttempts: number; lockedUntil: string | null;
  totpSecret: string | null; totpEnabled: boolean; recoveryCodes: string | null; lastLoginAt: string; totpLastStep: number | null;
}>;

export async function updateCredentials(ctx: Ctx, trx: Trx, userId: string, patch: CredentialPatch): Promise<void> {
  const set: Record<string, unknown> = { ...patch, updatedAt: ctx.clock.now().toISOString() };
  if (patch.mustChangePassword !== undefined) set.mustChangePassword = patch.mustChangePassword ? 1 : 0;
  if (patch.totpEnabled !== undefined) set.totpEnabled = patch.totpEnabled ? 1 : 0;
  await trx.updateTable('users').set(set as any).where('id', '=', userId).execute();
}
