import { Type, type Static } from 'typebox';
import { Id, Page, PageQuery, StringEnum } from '../../platform/http/schemas.js';
import { TASK_ACTIONS, TASK_STATUSES } from './task-states.js';

export const TASK_SOURCES = ['instruction', 'meeting', 'key_work', 'npc_suggestion', 'cppcc_proposal', 'audit', 'project_issue', 'demand'] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];
export const TASK_LEVELS = ['normal', 'key', 'urgent'] as const;
export type TaskLevel = (typeof TASK_LEVELS)[number];
export const CADENCES = ['once', 'weekly', 'fortnightly', 'monthly', 'day_of_month'] as const;
export const RETURN_REASONS = ['territory', 'overlap', 'ownership', 'other'] as const;

const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Ref = Type.Object({ id: Type.String(), name: Type.String() });

export const MilestoneInput = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 100 }), dueDate: DateStr,
  expectedProgress: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 100 }), Type.Null()])),
}, { additionalProperties: false });

export const TaskCreate = Type.Object({
  source: StringEnum(TASK_SOURCES),
  sourceRef: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
  sourceTitle: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  sourceDate: Type.Optional(Type.Union([DateStr, Type.Null()])),
  title: Type.String({ minLength: 2, maxLength: 200 }),
  content: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  leaderUserId: Type.Optional(Type.Union([Id, Type.Null()])),
  leadUnitId: Id,
  coUnitIds: Type.Optional(Type.Array(Id, { maxItems: 50, uniqueItems: true })),
  level: Type.Optional(StringEnum(TASK_LEVELS)),
  cadence: Type.Optional(StringEnum(CADENCES)),
  cadenceDay: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 28 }), Type.Null()])),
  cadenceReason: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  startDate: Type.Optional(DateStr),
  deadline: DateStr,
  needsLeaderSignoff: Type.Optional(Type.Boolean()),
  milestones: Type.Optional(Type.Array(MilestoneInput, { maxItems: 30 })),
}, { additionalProperties: false });
export type TaskCreateInput = Static<typeof TaskCreate>;

export const RagReason = Type.Object({ code: Type.String(), params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))), message: Type.String() });

export const Task = Type.Object({
  id: Type.String(), serial: Type.String(), regionCode: Type.String(), source: StringEnum(TASK_SOURCES),
  sourceRef: Type.Union([Type.String(), Type.Null()]), sourceTitle: Type.Union([Type.String(), Type.Null()]), sourceDate: Type.Union([Type.String(), Type.Null()]),
  title: Type.String(), content: Type.Union([Type.String(), Type.Null()]),
  leader: Type.Union([Ref, Type.Null()]), leadUnit: Ref, coUnits: Type.Array(Ref),
  level: StringEnum(TASK_LEVELS), cadence: StringEnum(CADENCES), cadenceDay: Type.Union([Type.Integer(), Type.Null()]),
  startDate: Type.String(), deadline: Type.String(), originalDeadline: Type.String(), acceptDue: Type.String(),
  status: StringEnum(TASK_STATUSES), progress: Type.Integer(), pendingExtensionTo: Type.Union([Type.String(), Type.Null()]),
  needsLeaderSignoff: Type.Boolean(), signedOffAt: Type.Union([Type.String(), Type.Null()]),
  origin: Type.Union([Type.Object({ type: Type.String(), id: Type.String() }), Type.Null()]),
  assignedAt: Type.String(), acceptedAt: Type.Union([Type.String(), Type.Null()]), completedAt: Type.Union([Type.String(), Type.Null()]),
  closedAt: Type.Union([Type.String(), Type.Null()]), lastReportAt: Type.Union([Type.String(), Type.Null()]),
  rag: StringEnum(['green', 'yellow', 'red'] as const), ragReasons: Type.Array(RagReason), expectedProgress: Type.Integer(),
  missedReports: Type.Integer(), nextReportDue: Type.Union([Type.String(), Type.Null()]), workdaysLeft: Type.Integer(), version: Type.Integer(),
}, { $id: 'Task' });
export type TaskView = Static<typeof Task>;

export const TaskEvent = Type.Object({
  id: Type.String(), at: Type.String(), action: Type.String(), actorName: Type.Union([Type.String(), Type.Null()]),
  unitName: Type.Union([Type.String(), Type.Null()]), comment: Type.Union([Type.String(), Type.Null()]), reason: Type.Union([Type.String(), Type.Null()]),
  progress: Type.Union([Type.Integer(), Type.Null()]), data: Type.Unknown(),
  attachments: Type.Array(Type.Object({ id: Type.String(), filename: Type.String() })),
});
export const Milestone = Type.Object({ id: Type.String(), title: Type.String(), dueDate: Type.String(), expectedProgress: Type.Union([Type.Integer(), Type.Null()]), doneAt: Type.Union([Type.String(), Type.Null()]) });

export const TaskDetail = Type.Object({
  task: Type.Ref('Task'), milestones: Type.Array(Milestone), events: Type.Array(TaskEvent),
  allowedActions: Type.Array(StringEnum(TASK_ACTIONS)),
  trajectory: Type.Array(Type.Object({ date: Type.String(), expected: Type.Integer(), reported: Type.Union([Type.Integer(), Type.Null()]) })),
  lastReport: Type.Union([Type.Object({ at: Type.String(), progress: Type.Union([Type.Integer(), Type.Null()]), comment: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
});

export const TaskListQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 60 })),
  source: Type.Optional(StringEnum(TASK_SOURCES)),
  unitId: Type.Optional(Id),
  leaderUserId: Type.Optional(Id),
  level: Type.Optional(StringEnum(TASK_LEVELS)),
  status: Type.Optional(StringEnum(['open', 'done', ...TASK_STATUSES] as const)),
  rag: Type.Optional(StringEnum(['green', 'yellow', 'red'] as const)),
  overdue: Type.Optional(Type.Boolean()),
  deadlineFrom: Type.Optional(DateStr), deadlineTo: Type.Optional(DateStr),
  assignedFrom: Type.Optional(DateStr), assignedTo: Type.Optional(DateStr),
  sort: Type.Optional(StringEnum(['deadline', '-deadline', 'assignedAt', '-assignedAt', 'rag'] as const)),
}, { additionalProperties: false });
export type TaskListFilter = Static<typeof TaskListQuery>;
export const TaskPage = Type.Intersect([Page(Type.Ref('Task')), Type.Object({ counts: Type.Object({ red: Type.Integer(), yellow: Type.Integer(), green: Type.Integer() }) })]);

export const ActionBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  comment: Type.Optional(Type.String({ maxLength: 5000 })),
  reason: Type.Optional(StringEnum(RETURN_REASONS)),
  progress: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  noChange: Type.Optional(Type.Boolean()),
  extendTo: Type.Optional(DateStr),
  quality: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
  leadUnitId: Type.Optional(Id),
  milestoneIds: Type.Optional(Type.Array(Id, { maxItems: 30 })),
  attachmentIds: Type.Optional(Type.Array(Id, { maxItems: 20, uniqueItems: true })),
}, { additionalProperties: false });
export type ActionInput = Static<typeof ActionBody>;
export const ActionParams = Type.Object({ id: Id, action: StringEnum(TASK_ACTIONS) }, { additionalProperties: false });

export const InboxQuery = Type.Object({ ...PageQuery, tab: StringEnum(['accept', 'report', 'overdue', 'all'] as const) }, { additionalProperties: false });
export const CreateResult = Type.Object({ task: Type.Ref('Task'), warnings: Type.Array(Type.Object({ code: Type.String(), message: Type.String(), taskId: Type.String(), serial: Type.String(), title: Type.String() })) });
