// Request/response schemas of 督办 (escalation notices), 问责 (accountability actions) and 通报 (bulletins).
import { Type, type Static } from 'typebox';
import { Id, Page, PageQuery, StringEnum } from '../../platform/http/schemas.js';
import { TASK_STATUSES } from './task-states.js';

const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Ref = Type.Object({ id: Type.String(), name: Type.String() });
const RAGS = ['green', 'yellow', 'red'] as const;
const Reason = Type.Object({ code: Type.String(), params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))), message: Type.String() });

export const EscalationCreate = Type.Object({
  requirement: Type.String({ minLength: 2, maxLength: 2000, description: '督办要求' }),
  replyBy: Type.Optional(Type.Union([DateStr, Type.Null()], { description: '回复期限; default: 3 working days from today' })),
}, { additionalProperties: false });
export type EscalationInput = Static<typeof EscalationCreate>;

export const Escalation = Type.Object({
  id: Type.String(), taskId: Type.String(), number: Type.String(), year: Type.Integer(), seq: Type.Integer(),
  requirement: Type.String(), replyBy: Type.String(), issuedAt: Type.String(), issuedBy: Nullable(Type.String()),
}, { $id: 'Escalation' });
export type EscalationView = Static<typeof Escalation>;

export const ACCOUNTABILITY_KINDS = ['interview', 'circular_criticism', 'ordered_review', 'admonition', 'other'] as const;
export type AccountabilityKind = (typeof ACCOUNTABILITY_KINDS)[number];

export const AccountabilityCreate = Type.Object({
  unitId: Id,
  taskId: Type.Optional(Type.Union([Id, Type.Null()])),
  kind: StringEnum(ACCOUNTABILITY_KINDS, { description: 'interview 约谈, circular_criticism 通报批评, ordered_review 责令检查, admonition 诫勉, other 其他' }),
  reason: Type.String({ minLength: 2, maxLength: 2000 }),
  decidedOn: DateStr,
}, { additionalProperties: false });
export type AccountabilityInput = Static<typeof AccountabilityCreate>;

export const AccountabilityAction = Type.Object({
  id: Type.String(), unit: Ref, task: Type.Union([Type.Object({ id: Type.String(), serial: Type.String(), title: Type.String() }), Type.Null()]),
  kind: StringEnum(ACCOUNTABILITY_KINDS), kindName: Type.String(), reason: Type.String(), decidedOn: Type.String(), createdBy: Nullable(Type.String()), createdAt: Type.String(),
}, { $id: 'AccountabilityAction' });
export type AccountabilityView = Static<typeof AccountabilityAction>;

export const AccountabilityQuery = Type.Object({
  ...PageQuery,
  unitId: Type.Optional(Id),
  kind: Type.Optional(StringEnum(ACCOUNTABILITY_KINDS)),
  from: Type.Optional(DateStr),
  to: Type.Optional(DateStr),
}, { additionalProperties: false });
export type AccountabilityFilter = Static<typeof AccountabilityQuery>;
export const AccountabilityPage = Page(Type.Ref('AccountabilityAction'));

export const BulletinQuery = Type.Object({
  from: DateStr,
  to: DateStr,
  number: Type.Optional(Type.String({ maxLength: 40, description: '发文字号 printed on the .docx, e.g. 示督查〔2026〕11期' })),
}, { additionalProperties: false });
export type BulletinFilter = Static<typeof BulletinQuery>;

const Counted = (keys: readonly string[]) => Type.Object(Object.fromEntries(keys.map((k) => [k, Type.Integer()])));

export const BulletinRed = Type.Object({
  taskId: Type.String(), serial: Type.String(), title: Type.String(), leadUnit: Ref, deadline: Type.String(), status: StringEnum(TASK_STATUSES),
  progress: Type.Integer(), reasons: Type.Array(Reason), escalations: Type.Integer(), lastEscalation: Nullable(Type.String()),
  redBefore: Type.Boolean({ description: 'red on the day before the period too (the previous bulletin)' }),
  repeated: Type.Boolean({ description: 'red in two consecutive bulletins, or escalated' }),
});

export const BulletinRank = Type.Object({
  rank: Type.Union([Type.Integer(), Type.Null()]), unit: Ref, tasks: Type.Integer(), due: Type.Integer(), completed: Type.Integer(),
  completedOnTime: Type.Integer(), onTimeRate: Type.Union([Type.Number(), Type.Null()]), red: Type.Integer(),
  score: Type.Union([Type.Number(), Type.Null()], { description: 'assessment total out of 100' }),
  explanation: Type.String(),
});

export const BulletinPreview = Type.Object({
  from: Type.String(), to: Type.String(), asOf: Type.String(), periodName: Type.String(), title: Type.String(),
  totals: Type.Object({ tasks: Type.Integer(), assignedInPeriod: Type.Integer(), completedInPeriod: Type.Integer(), escalatedInPeriod: Type.Integer() }),
  byStatus: Counted(TASK_STATUSES), byRag: Counted(RAGS),
  red: Type.Array(BulletinRed), repeatedRed: Type.Array(Type.String({ description: 'task ids' })),
  ranking: Type.Array(BulletinRank, { description: 'the assessment (督查考核) ranking of the period, with the on-time figures of the bulletin' }),
});
