import { Type, type Static } from 'typebox';
import { Id, Page, PageQuery, StringEnum } from '../../platform/http/schemas.js';
import { WEBHOOK_KINDS } from './webhook-format.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const Notification = Type.Object({
  id: Type.String(), kind: Type.String(), title: Type.String(), body: NullableString, taskId: NullableString,
  createdAt: Type.String(), readAt: NullableString,
}, { $id: 'Notification' });

export const NotificationQuery = Type.Object({ ...PageQuery, unread: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export const NotificationPage = Type.Intersect([Page(Type.Ref('Notification')), Type.Object({ unread: Type.Integer() })]);
export const Count = Type.Object({ count: Type.Integer() });

export const WebhookCreate = Type.Object({
  unitId: Type.Optional(Type.Union([Id, Type.Null()], { description: '单位；不填为全县（区）通用' })),
  kind: StringEnum(WEBHOOK_KINDS, { description: 'dingtalk 钉钉群机器人 | wecom 企业微信群机器人' }),
  url: Type.String({ minLength: 8, maxLength: 1000 }),
  secret: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()], { description: '钉钉加签密钥 (SEC…)' })),
  enabled: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type WebhookCreateInput = Static<typeof WebhookCreate>;

export const WebhookPatch = Type.Partial(WebhookCreate, { additionalProperties: false });
export type WebhookPatchInput = Static<typeof WebhookPatch>;

export const Webhook = Type.Object({
  id: Type.String(), regionCode: Type.String(), unit: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  kind: StringEnum(WEBHOOK_KINDS), url: Type.String({ description: 'masked: the robot token is not shown' }), hasSecret: Type.Boolean(),
  enabled: Type.Boolean(), createdAt: Type.String(),
  lastDelivery: Type.Union([Type.Object({ status: Type.String(), at: Type.String(), error: NullableString, attempts: Type.Integer() }), Type.Null()]),
}, { $id: 'Webhook' });
export type WebhookView = Static<typeof Webhook>;

export const WebhookTestResult = Type.Object({ ok: Type.Boolean(), status: Type.Union([Type.Integer(), Type.Null()]), error: NullableString });
