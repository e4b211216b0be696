import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Ctx } from '../../context.js';
import { actorOf } from '../../platform/http/guard.js';
import { errors, Ok } from '../../platform/http/schemas.js';
import { shanghaiDate } from '../../platform/clock.js';
import * as cal from './service.js';

const tags = ['calendar 工作日历'];
const DateParam = Type.Object({ date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) }, { additionalProperties: false });
const YearParam = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false });
const CalendarYear = Type.Object({
  year: Type.Integer(), official: Type.Boolean(), confirmed: Type.Boolean(),
  days: Type.Array(Type.Object({ date: Type.String(), workday: Type.Boolean(), name: Type.Union([Type.String(), Type.Null()]), source: Type.String() })),
  warning: Type.Union([Type.Object({ code: Type.String(), year: Type.Integer() }), Type.Null()]),
});

export function calendarRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/api/v1/calendar', {
    schema: { tags, summary: '工作日历（节假日与调休）The working-day calendar of a year', querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false }), response: { 200: CalendarYear, ...errors(400, 401) } },
  }, async (req) => cal.calendarYear(ctx, actorOf(req), req.query.year ?? Number(shanghaiDate(ctx.clock.now()).slice(0, 4))));
  r.put('/api/v1/calendar/days/:date', {
    schema: { tags, summary: '录入或更正某日（节假日/调休上班）Enter or correct a day', params: DateParam, body: Type.Object({ workday: Type.Boolean(), name: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])) }, { additionalProperties: false }), response: { 200: Ok, ...errors(400, 401, 403) } },
  }, async (req) => { await cal.setDay(ctx, actorOf(req), req.params.date, req.body.workday, req.body.name ?? null); return { ok: true }; });
  r.delete('/api/v1/calendar/days/:date', {
    schema: { tags, summary: '撤销更正 Remove a correction', params: DateParam, response: { 200: Ok, ...errors(401, 403) } },
  }, async (req) => { await cal.clearDay(ctx, actorOf(req), req.params.date); return { ok: true }; });
  r.post('/api/v1/calendar/years/:year/confirm', {
    schema: { tags, summary: '确认该年放假安排已录入 Confirm a year entered by hand', params: YearParam, response: { 200: Ok, ...errors(401, 403) } },
  }, async (req) => { await cal.confirmYear(ctx, actorOf(req), req.params.year); return { ok: true }; });
}
