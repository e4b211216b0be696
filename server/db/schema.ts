// Table types as Kysely sees them (camelCase through CamelCasePlugin). Row types stay inside repositories.
import type { Generated } from 'kysely';

export interface RegionTable { code: string; name: string; level: string; parentCode: string | null }
export interface UnitTable {
  id: string; regionCode: string; name: string; shortName: string | null; kind: string; parentId: string | null;
  sortOrder: Generated<number>; phone: string | null; version: Generated<number>; createdAt: string; updatedAt: string;
}
export interface UserTable {
  id: string; regionCode: string; unitId: string | null; username: string; displayName: string; title: string | null;
  phone: string | null; passwordHash: string; mustChangePassword: Generated<number>; failedAttempts: Generated<number>;
  lockedUntil: string | null; totpSecret: string | null; totpEnabled: Generated<number>; recoveryCodes: string | null;
  locale: Generated<string>; disabled: Generated<number>; lastLoginAt: string | null; version: Generated<number>;
  createdAt: string; updatedAt: string;
}
export interface UserRoleTable { userId: string; role: string }
export interface LeaderTable {
  id: string; regionCode: string; userId: string; title: string; sortOrder: Generated<number>; version: Generated<number>;
  createdAt: string; updatedAt: string;
}
export interface LeaderDomainTable { leaderId: string; domain: string }
export interface LeaderUnitTable { leaderId: string; unitId: string }
export interface SessionTable {
  id: string; userId: string; stage: string; csrfToken: string; ip: string | null; userAgent: string | null;
  createdAt: string; lastSeenAt: string; expiresAt: string; revokedAt: string | null;
}
export interface RateLimitTable { key: string; windowStart: string; count: number }
export interface SettingTable { key: string; value: string; updatedAt: string }
export interface AuditLogTable {
  seq: number; at: string; regionCode: string | null; actorId: string | null; actorName: string | null; ip: string | null;
  action: string; entityType: string | null; entityId: string | null; beforeJson: string | null; afterJson: string | null;
  prevHash: string; hash: string;
}
export interface JobTable {
  id: string; kind: string; status: string; done: Generated<number>; total: Generated<number>; message: string | null;
  resultJson: string | null; userId: string | null; createdAt: string; updatedAt: string;
}
export interface LockTable { name: string; holder: string; expiresAt: string }

export interface DB {
  regions: RegionTable;
  units: UnitTable;
  users: UserTable;
  userRoles: UserRoleTable;
  leaders: LeaderTable;
  leaderDomains: LeaderDomainTable;
  leaderUnits: LeaderUnitTable;
  sessions: SessionTable;
  rateLimits: RateLimitTable;
  settings: SettingTable;
  auditLog: AuditLogTable;
  jobs: JobTable;
  locks: LockTable;
}
