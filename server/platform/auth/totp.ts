// Second factor: TOTP (RFC 6238) via otpauth; secrets encrypted at rest with SM4; one-use recovery codes.
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

const ISSUER = 'luoshi落实';

function key(sessionSecret: string): Buffer {
  return createHash('sm3').update('totp-key:' + sessionSecret).digest().subarray(0, 16);
}

export function encryptSecret(base32: string, sessionSecret: string): string {
  const iv = randomBytes(16);
  const c = createCipheriv('sm4-cbc', key(sessionSecret), iv);
  return 'sm4:' + iv.toString('hex') + ':' + Buffer.concat([c.update(base32, 'utf8'), c.final()]).toString('hex');
}

export function decryptSecret(stored: string, sessionSecret: string): string {
  const [, ivHex, dataHex] = stored.split(':');
  const d = createDecipheriv('sm4-cbc', key(sessionSecret), Buffer.from(ivHex, 'hex'));
  return Buffer.concat([d.update(Buffer.from(dataHex, 'hex')), d.final()]).toString('utf8');
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpFor(base32: string, username: string): TOTP {
  return new TOTP({ issuer: ISSUER, label: username, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(base32) });
}

export function verifyTotp(base32: string, username: string, code: string, at: Date): boolean {
  return totpStep(base32, username, code, at, null) !== null;
}

/**
 * The time step (30 s counter) of a valid code, or null. A code whose step is not after `lastStep` is refused:
 * each code is accepted once (RFC 6238 §5.2).
 */
export function totpStep(base32: string, username: string, code: string, at: Date, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(base32, username).validate({ token: code, window: 1, timestamp: at.getTime() });
  if (delta === null) return null;
  const step = Math.floor(at.getTime() / 30_000) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

export function currentTotp(base32: string, username: string, at: Date): string {
  return totpFor(base32, username).generate({ timestamp: at.getTime() });
}

const hashCode = (c: string) => createHash('sha256').update(c.replace(/[\s-]/g, '').toUpperCase()).digest('hex');

export function newRecoveryCodes(n = 10): { plain: string[]; hashed: string[] } {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const plain = Array.from({ length: n }, () => {
    const s = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join('');
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
  return { plain, hashed: plain.map(hashCode) };
}

/** Returns the remaining hashes if the code matched one, else null. */
export function useRecoveryCode(storedJson: string | null, code: string): string[] | null {
  if (!storedJson) return null;
  const list: string[] = JSON.parse(storedJson);
  const h = hashCode(code);
  const i = list.indexOf(h);
  if (i < 0) return null;
  return list.filter((_, j) => j !== i);
}
