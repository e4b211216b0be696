// Names for the generated types (derived from schema.d.ts, never written by hand).
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];
export type Unit = Schemas['Unit'];
export type User = Schemas['User'];
export type Leader = Schemas['Leader'];

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;
export type SessionState = Json<paths['/api/v1/auth/me']['get']['responses'][200]>;
export type Me = SessionState['me'];
export type Stage = SessionState['stage'];
export type TotpSetup = Json<paths['/api/v1/auth/totp/setup']['post']['responses'][200]>;
export type UnitQuery = NonNullable<paths['/api/v1/units']['get']['parameters']['query']>;
export type UserQuery = NonNullable<paths['/api/v1/users']['get']['parameters']['query']>;
export type AuditQuery = NonNullable<paths['/api/v1/audit']['get']['parameters']['query']>;
export type AuditEntry = Json<paths['/api/v1/audit']['get']['responses'][200]>['items'][number];
export type AuditVerify = Json<paths['/api/v1/audit/verify']['get']['responses'][200]>;
export type LiveSession = Json<paths['/api/v1/sessions']['get']['responses'][200]>['items'][number];
export type Settings = Json<paths['/api/v1/settings']['get']['responses'][200]>;
export type UnitImportResult = Json<paths['/api/v1/units/import']['post']['responses'][200]>;
export type UserImportResult = Json<paths['/api/v1/users/import']['post']['responses'][200]>;
export type Role = User['roles'][number];
export type UnitKind = Unit['kind'];
