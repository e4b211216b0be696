// The actor: who is asking, with the roles and scope every service and repository needs.
import type { Locale, Role } from '../../../common/roles.js';
import type { AuditActor } from '../audit/audit.js';

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  /** The user's own region (county, or a city). Writes happen here. */
  regionCode: string;
  /** Regions the user may read: its own and, for a city user, the counties below it. */
  readRegions: string[];
  unitId: string | null;
  roles: ReadonlySet<Role>;
  /** Units in the portfolio (分管) of this user as a leader; empty if not a leader. */
  portfolioUnitIds: string[];
  locale: Locale;
  ip: string | null;
  sessionId?: string;
}

export function auditActor(a: Actor | null, ip: string | null = a?.ip ?? null): AuditActor {
  return { actorId: a?.userId ?? null, actorName: a ? `${a.displayName}(${a.username})` : null, ip, regionCode: a?.regionCode ?? null };
}

export const hasRole = (a: Actor, ...roles: Role[]): boolean => roles.some((r) => a.roles.has(r));
