// Signing in: password → (TOTP) → (forced password change) → (TOTP enrolment for administrators) → full session.
import QRCode from 'qrcode';
import type { Ctx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import { ADMIN_ROLES } from '../../../common/roles.js';
import type { Actor } from '../../platform/access/actor.js';
import { Invalid, TooMany, Unauthorized } from '../../platform/errors.js';
import { passwordProblems } from '../../platform/auth/password-rules.js';
import { burnVerify, hashPassword, verifyPassword } from '../../platform/auth/passwords.js';
import { hitRateLimit } from '../../platform/auth/rate-limit.js';
import { createSession, revokeSession, revokeUserSessions, setStage, type SessionStage } from '../../platform/auth/sessions.js';
import { decryptSecret, encryptSecret, newRecoveryCodes, newTotpSecret, totpFor, useRecoveryCode, totpStep } from '../../platform/auth/totp.js';
import { getSettings } from '../../platform/settings.js';
import { credentialsById, credentialsByUsername, updateCredentials, type Credentials } from '../users/credentials.js';

interface Client { ip: string | null; userAgent: string | null }

async function nextStage(ctx: Ctx, c: Credentials, after: 'password' | 'mfa' | 'changed' | 'enrolled'): Promise<SessionStage> {
  if (after === 'password' && c.totpEnabled) return 'mfa';
  if ((after === 'password' || after === 'mfa') && c.mustChangePassword) return 'password';
  if (after !== 'enrolled' && !c.totpEnabled) {
    const s = await getSettings(ctx);
    if (s['security.totpForAll'] || c.roles.some((r) => ADMIN_ROLES.includes(r))) return 'enroll';
  }
  return 'full';
}

export async function login(ctx: Ctx, input: { username: string; password: string }, client: Client) {
  const now = ctx.clock.now();
  const hits = await hitRateLimit(ctx.db, `login:${client.ip ?? '-'}`, now, 60);
  if (hits > ctx.config.loginRateLimitPerMinute) throw new TooMany(60);
  const settings = await getSettings(ctx);
  const c = await credentialsByUsername(ctx, input.username);
  const who = { actorId: c?.id ?? null, displayName: c?.displayName ?? input.username.slice(0, 64), username: input.username.slice(0, 64) };
  const failAudit = (reason: string) => inTransaction(ctx, (trx) =>
    audit(ctx, trx, who.actorId ? { userId: who.actorId, displayName: who.displayName, username: who.username, regionCode: c!.regionCode } as Actor : null,
      { action: 'auth.login_failed', entityType: 'user', entityId: who.actorId, after: { username: who.username, reason }, regionCode: c?.regionCode ?? null }, client.ip));
  if (!c) {
    await burnVerify(input.password);
    await failAudit('unknown_user');
    throw new Unauthorized('unauthorized.credentials');
  }
  if (c.lockedUntil && c.lockedUntil > now.toISOString()) {
    await failAudit('locked');
    throw new Unauthorized('unauthorized.locked', { minutes: Math.ceil((Date.parse(c.lockedUntil) - now.getTime()) / 60_000) });
  }
  if (!(await verifyPassword(c.passwordHash, input.password))) {
    const attempts = c.failedAttempts + 1;
    const lock = attempts >= settings['security.lockoutThreshold'];
    await inTransaction(ctx, async (trx) => {
      await updateCredentials(ctx, trx, c.id, lock
        ? { failedAttempts: 0, lockedUntil: new Date(now.getTime() + settings['security.lockoutMinutes'] * 60_000).toISOString() }
        : { failedAttempts: attempts });
      await audit(ctx, trx, { userId: c.id, displayName: c.displayName, username: c.username, regionCode: c.regionCode } as Actor,
        { action: lock ? 'auth.locked' : 'auth.login_failed', entityType: 'user', entityId: c.id, after: { username: c.username, reason: 'password', attempts } }, client.ip);
    });
    if (lock) throw new Unauthorized('unauthorized.locked', { minutes: settings['security.lockoutMinutes'] });
    throw new Unauthorized('unauthorized.credentials');
  }
  if (c.disabled) { await failAudit('disabled'); throw new Unauthorized('unauthorized.disabled'); }
  const stage = await nextStage(ctx, c, 'password');
  return inTransaction(ctx, async (trx) => {
    await updateCredentials(ctx, trx, c.id, { failedAttempts: 0, lockedUntil: null, lastLoginAt: now.toISOString() });
    const s = await createSession(ctx, trx, c.id, stage, client.ip, client.userAgent);
    await audit(ctx, trx, { userId: c.id, displayName: c.displayName, username: c.username, regionCode: c.regionCode } as Actor,
      { action: 'auth.login', entityType: 'user', entityId: c.id, after: { stage, session: s.id.slice(0, 24) } }, client.ip);
    return { ...s, stage };
  });
}

export async function logout(ctx: Ctx, actor: Actor) {
  await inTransaction(ctx, async (trx) => {
    await revokeSession(ctx, trx, actor.sessionId!);
    await audit(ctx, trx, actor, { action: 'auth.logout', entityType: 'session', entityId: actor.sessionId!.slice(0, 16) });
  });
}

/** Second step: a TOTP code or a one-use recovery code. */
export async function verifySecondFactor(ctx: Ctx, actor: Actor, code: string) {
  const c = (await credentialsById(ctx, actor.userId))!;
  if (!c.totpEnabled || !c.totpSecret) throw new Invalid({ field: 'code', code: 'invalid.value' });
  const hits = await hitRateLimit(ctx.db, `mfa:${c.id}`, ctx.clock.now(), 300);
  if (hits > 10) throw new TooMany(300);
  const trimmed = code.trim();
  const step = totpStep(decryptSecret(c.totpSecret, ctx.config.sessionSecret), c.username, trimmed, ctx.clock.now(), c.totpLastStep);
  const okTotp = step !== null;
  const remaining = okTotp ? null : useRecoveryCode(c.recoveryCodes, trimmed);
  if (!okTotp && !remaining) {
    await inTransaction(ctx, (trx) => audit(ctx, trx, actor, { action: 'auth.mfa_failed', entityType: 'user', entityId: c.id }));
    throw new Unauthorized('unauthorized.totp');
  }
  const stage = await nextStage(ctx, c, 'mfa');
  await inTransaction(ctx, async (trx) => {
    if (remaining) await updateCredentials(ctx, trx, c.id, { recoveryCodes: JSON.stringify(remaining) });
    else await updateCredentials(ctx, trx, c.id, { totpLastStep: step });
    await setStage(trx, actor.sessionId!, stage);
    await audit(ctx, trx, actor, { action: remaining ? 'auth.mfa_recovery_code' : 'auth.mfa', entityType: 'user', entityId: c.id, after: { remainingRecoveryCodes: remaining?.length } });
  });
  return stage;
}

export async function changePassword(ctx: Ctx, actor: Actor, input: { currentPassword: string; newPassword: string }) {
  const c = (await credentialsById(ctx, actor.userId))!;
  if (!(await verifyPassword(c.passwordHash, input.currentPassword))) throw new Invalid({ field: 'currentPassword', code: 'password.wrongCurrent' });
  const problems = passwordProblems(c.username, input.newPassword);
  if (input.newPassword === input.currentPassword) problems.push('password.same');
  if (problems.length) throw new Invalid(problems.map((p) => ({ field: 'newPassword', code: p })));
  const hash = await hashPassword(input.newPassword);
  const stage = await nextStage(ctx, { ...c, mustChangePassword: false }, 'changed');
  await inTransaction(ctx, async (trx) => {
    await updateCredentials(ctx, trx, c.id, { passwordHash: hash, mustChangePassword: false });
    await revokeUserSessions(ctx, trx, c.id, actor.sessionId);
    await setStage(trx, actor.sessionId!, stage);
    await audit(ctx, trx, actor, { action: 'auth.password_changed', entityType: 'user', entityId: c.id });
  });
  return stage;
}

/** Enrolment, step 1: a fresh secret (kept pending until confirmed with a code). */
export async function startTotpEnrolment(ctx: Ctx, actor: Actor) {
  const c = (await credentialsById(ctx, actor.userId))!;
  if (c.totpEnabled) throw new Invalid({ field: 'totp', code: 'invalid.value' });
  const secret = newTotpSecret();
  const url = totpFor(secret, c.username).toString();
  await inTransaction(ctx, async (trx) => {
    // Pending secret: stored encrypted, not enabled until confirmed.
    await updateCredentials(ctx, trx, c.id, { totpSecret: encryptSecret(secret, ctx.config.sessionSecret) });
    await audit(ctx, trx, actor, { action: 'auth.totp_setup', entityType: 'user', entityId: c.id });
  });
  return { secret, otpauthUrl: url, qrDataUrl: await QRCode.toDataURL(url, { margin: 1, width: 200 }) };
}

/** Enrolment, step 2: confirm with a code; returns recovery codes, shown once. */
export async function confirmTotpEnrolment(ctx: Ctx, actor: Actor, code: string) {
  const c = (await credentialsById(ctx, actor.userId))!;
  if (c.totpEnabled || !c.totpSecret) throw new Invalid({ field: 'code', code: 'invalid.value' });
  const step = totpStep(decryptSecret(c.totpSecret, ctx.config.sessionSecret), c.username, code.trim(), ctx.clock.now(), null);
  if (step === null) throw new Invalid({ field: 'code', code: 'unauthorized.totp' });
  const codes = newRecoveryCodes();
  await inTransaction(ctx, async (trx) => {
    await updateCredentials(ctx, trx, c.id, { totpEnabled: true, recoveryCodes: JSON.stringify(codes.hashed), totpLastStep: step });
    await setStage(trx, actor.sessionId!, 'full');
    await audit(ctx, trx, actor, { action: 'auth.totp_enabled', entityType: 'user', entityId: c.id });
  });
  return { recoveryCodes: codes.plain };
}
