// Environment → typed config, validated once. The only place that reads process.env.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string; // 'sqlite:<file>' | 'postgres://…'
  dataDir: string;
  uploadDir: string;
  sessionSecret: string;
  logLevel: string;
  /** Idle timeout in minutes before a session must log in again (default 30). */
  sessionIdleMinutes: number;
  /** Absolute session lifetime in hours. */
  sessionMaxHours: number;
  /** 'auto' → Secure cookie when the request arrived over HTTPS (X-Forwarded-Proto honoured with TRUST_PROXY). */
  cookieSecure: 'auto' | boolean;
  trustProxy: boolean;
  loginRateLimitPerMinute: number;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  seedDemo: boolean;
  runJobs: boolean;
  /** Accept http://127.0.0.1 robot webhook URLs (tests, a local relay); otherwise https only. */
  webhookAllowHttpLoopback: boolean;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`Invalid ${name}: "${raw}" must be an integer ≥ ${min}`);
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`Invalid ${name}: "${raw}" must be true or false`);
}

/** SESSION_SECRET, or one generated once and kept under the data folder (embedded mode). */
function sessionSecret(env: NodeJS.ProcessEnv, dataDir: string): string {
  if (env.SESSION_SECRET) {
    if (env.SESSION_SECRET.length < 32) throw new Error('Invalid SESSION_SECRET: at least 32 characters');
    return env.SESSION_SECRET;
  }
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.DATA_DIR || './data');
  const databaseUrl = env.DATABASE_URL || `sqlite:${join(dataDir, 'luoshi.sqlite')}`;
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw new Error('Invalid DATABASE_URL: use postgres://user@host:port/db or sqlite:/path/file.sqlite');
  }
  const cookieSecureRaw = env.COOKIE_SECURE ?? 'auto';
  return {
    port: int(env, 'PORT', 3000, 0),
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    dataDir,
    uploadDir: resolve(env.UPLOAD_DIR || join(dataDir, 'uploads')),
    sessionSecret: sessionSecret(env, dataDir),
    logLevel: env.LOG_LEVEL || 'info',
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 30, 1),
    sessionMaxHours: int(env, 'SESSION_MAX_HOURS', 12, 1),
    cookieSecure: cookieSecureRaw === 'auto' ? 'auto' : bool(env, 'COOKIE_SECURE', false),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    loginRateLimitPerMinute: int(env, 'LOGIN_RATE_LIMIT', 30, 1),
    bodyLimitBytes: int(env, 'BODY_LIMIT', 1024 * 1024, 1024),
    uploadLimitBytes: int(env, 'UPLOAD_LIMIT', 20 * 1024 * 1024, 1024),
    seedDemo: bool(env, 'SEED_DEMO', true),
    runJobs: bool(env, 'RUN_JOBS', true),
    webhookAllowHttpLoopback: bool(env, 'WEBHOOK_ALLOW_HTTP_LOOPBACK', false),
  };
}

/** A config for tests and tools: no files touched. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0, host: '127.0.0.1', databaseUrl: 'sqlite::memory:', dataDir: '/tmp/luoshi-test', uploadDir: '/tmp/luoshi-test/uploads',
    sessionSecret: 'test-secret-test-secret-test-secret!', logLevel: 'silent', sessionIdleMinutes: 30, sessionMaxHours: 12,
    cookieSecure: 'auto', trustProxy: false, loginRateLimitPerMinute: 1000, bodyLimitBytes: 1024 * 1024,
    uploadLimitBytes: 5 * 1024 * 1024, seedDemo: false, runJobs: false, webhookAllowHttpLoopback: false, ...overrides,
  };
}
