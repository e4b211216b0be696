import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Ctx } from '../../context.js';
import { actorOf } from '../../platform/http/guard.js';
import { errors, StringEnum } from '../../platform/http/schemas.js';
import { WeightsSchema } from '../tasks/assessment-schemas.js';
import { authorize } from '../../platform/access/policies.js';
import { getSettings } from '../../platform/settings.js';
import { updateSettings } from './service.js';

/** A list of unit ids (checked against the region's units by the service). */
const UnitIds = (description: string) => Type.Array(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }), { maxItems: 20, uniqueItems: true, description });

const SettingsSchema = Type.Object({
  'security.idleMinutes': Type.Integer({ minimum: 5, maximum: 480 }),
  'security.totpForAll': Type.Boolean(),
  'security.lockoutThreshold': Type.Integer({ minimum: 3, maximum: 20 }),
  'security.lockoutMinutes': Type.Integer({ minimum: 1, maximum: 1440 }),
  'tasks.acceptDays': Type.Integer({ minimum: 1, maximum: 30 }),
  'tasks.nearDeadlineDays': Type.Integer({ minimum: 0, maximum: 30 }),
  'tasks.trailPoints': Type.Integer({ minimum: 0, maximum: 100 }),
  'tasks.missedReportsRed': Type.Integer({ minimum: 1, maximum: 10 }),
  'tasks.maxReportFrequency': StringEnum(['weekly', 'fortnightly', 'monthly'] as const),
  'tasks.remindDaysBefore': Type.Integer({ minimum: 0, maximum: 30 }),
  'notifications.digestHour': Type.Integer({ minimum: 0, maximum: 23, description: 'hour (Asia/Shanghai) from which the day\'s reminders and digests go out' }),
  'assessment.weights': WeightsSchema,
  'documents.issuer': Type.String({ minLength: 2, maxLength: 60, description: '{region} is replaced by the region name' }),
  'documents.escalationPrefix': Type.Record(Type.String({ pattern: '^(\\*|\\d{6,12})$' }), Type.String({ minLength: 1, maxLength: 12, pattern: '^[^〔〕\\[\\]]+$' }), { additionalProperties: false, description: 'region code (or *) → 督办通知单 number prefix' }),
  'documents.bulletinAddressee': Type.String({ minLength: 2, maxLength: 200 }),
  'documents.bulletinRequirements': Type.Array(Type.String({ minLength: 2, maxLength: 500 }), { maxItems: 10 }),
  'mu.officeUnitIds': UnitIds('亩均办: ids of the units that keep the enterprise registry, imports and evaluations (e.g. 县经济和信息化局)'),
  'projects.categories': Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { minItems: 1, maxItems: 30, uniqueItems: true, description: '重大项目 categories offered in the library' }),
  'projects.libraryUnitIds': UnitIds('项目库: ids of the units that create, import and manage every project of the region (e.g. 县发展和改革局)'),
  'projects.reportDueDay': Type.Integer({ minimum: 1, maximum: 28, description: '月报 due by this day of the next month' }),
  'projects.lightThresholds': Type.Object({
    yellowBehind: Type.Number({ minimum: 0, maximum: 100 }), redBehind: Type.Number({ minimum: 0, maximum: 100 }), notStartedRedMonths: Type.Integer({ minimum: 1, maximum: 24 }),
  }, { additionalProperties: false, description: '红黄绿灯: points behind 序时进度 for yellow (≥) and red (>); months not started after the planned start for red' }),
});
const tags = ['settings 系统设置'];

export function settingsRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/api/v1/settings', { schema: { tags, summary: '系统设置 Settings', response: { 200: SettingsSchema, ...errors(401, 403) } } }, async (req) => {
    authorize(actorOf(req), 'settings.read');
    return getSettings(ctx);
  });
  r.patch('/api/v1/settings', {
    schema: { tags, summary: '修改系统设置 Change settings', body: Type.Partial(SettingsSchema, { additionalProperties: false }), response: { 200: SettingsSchema, ...errors(400, 401, 403) } },
  }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'settings.write');
    return updateSettings(ctx, actor, req.body);
  });
}
