import { Type } from 'typebox';
import { ROLES } from '../../../common/roles.js';
import { StringEnum } from '../../platform/http/schemas.js';

export const Stage = Type.Union([Type.Literal('full'), Type.Literal('mfa'), Type.Literal('password'), Type.Literal('enroll')]);

export const LoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
}, { additionalProperties: false });

export const Me = Type.Object({
  id: Type.String(), username: Type.String(), displayName: Type.String(), title: Type.Union([Type.String(), Type.Null()]),
  unitId: Type.Union([Type.String(), Type.Null()]), unitName: Type.Union([Type.String(), Type.Null()]),
  regionCode: Type.String(), regionName: Type.String(), readRegions: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  roles: Type.Array(StringEnum(ROLES)),
  permissions: Type.Array(Type.String()),
  locale: Type.String(), totpEnabled: Type.Boolean(),
});

export const SessionState = Type.Object({ stage: Stage, csrfToken: Type.String(), me: Me });

export const CodeBody = Type.Object({ code: Type.String({ minLength: 6, maxLength: 16 }) }, { additionalProperties: false });
export const PasswordBody = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
  newPassword: Type.String({ minLength: 1, maxLength: 256 }),
}, { additionalProperties: false });
export const LocaleBody = Type.Object({ locale: Type.Union([Type.Literal('zh-CN'), Type.Literal('en-US')]) }, { additionalProperties: false });
export const TotpSetup = Type.Object({ secret: Type.String(), otpauthUrl: Type.String(), qrDataUrl: Type.String() });
export const RecoveryCodes = Type.Object({ recoveryCodes: Type.Array(Type.String()) });
