// TypeBox schemas of the supervisor's console helpers: bulk creation, export, saved filters, the deadline calendar.
import { Type, type Static } from 'typebox';
import { Id, StringEnum } from '../../platform/http/schemas.js';
import { CADENCES, MilestoneInput, TASK_LEVELS, TASK_SOURCES, TaskListQuery } from './schemas.js';

const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const NullableStr = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);

export const TaskImportQuery = Type.Object({ commit: Type.Optional(Type.Boolean({ default: false })) }, { additionalProperties: false });
export const BulkQuery = Type.Object({ preview: Type.Optional(Type.Boolean({ default: false, description: 'Check only, create nothing' })) }, { additionalProperties: false });

const Warning = Type.Object({
  row: Type.Integer(), code: Type.String(), message: Type.String(),
  taskId: Type.Optional(Type.String()), serial: Type.Optional(Type.String()), title: Type.Optional(Type.String()),
});
export const TaskImportResult = Type.Object({
  committed: Type.Boolean(), total: Type.Integer(), created: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), field: Type.String(), code: Type.String(), message: Type.String() })),
  warnings: Type.Array(Warning),
  tasks: Type.Array(Type.Object({ row: Type.Integer(), id: Type.String(), serial: Type.String() })),
});

export const BulkDefaults = Type.Object({
  source: Type.Optional(StringEnum(TASK_SOURCES)),
  sourceRef: Type.Optional(NullableStr(60)), sourceTitle: Type.Optional(NullableStr(100)),
  sourceDate: Type.Optional(Type.Union([DateStr, Type.Null()])),
  leaderUserId: Type.Optional(Type.Union([Id, Type.Null()])),
  deadline: Type.Optional(DateStr),
  cadence: Type.Optional(StringEnum(CADENCES)),
  cadenceDay: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 28 }), Type.Null()])),
}, { additionalProperties: false });

/** One line of a pasted list: a task over the defaults; units and the leader by id or by name. */
export const BulkRow = Type.Object({
  title: Type.String({ minLength: 2, maxLength: 200 }),
  content: Type.Optional(NullableStr(5000)),
  source: Type.Optional(StringEnum(TASK_SOURCES)),
  sourceRef: Type.Optional(NullableStr(60)), sourceTitle: Type.Optional(NullableStr(100)),
  sourceDate: Type.Optional(Type.Union([DateStr, Type.Null()])),
  leaderUserId: Type.Optional(Type.Union([Id, Type.Null()])), leaderName: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  leadUnitId: Type.Optional(Id), leadUnitName: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  coUnitIds: Type.Optional(Type.Array(Id, { maxItems: 50, uniqueItems: true })),
  coUnitNames: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 50 })),
  level: Type.Optional(StringEnum(TASK_LEVELS)),
  cadence: Type.Optional(StringEnum(CADENCES)),
  cadenceDay: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 28 }), Type.Null()])),
  cadenceReason: Type.Optional(NullableStr(200)),
  startDate: Type.Optional(DateStr), deadline: Type.Optional(DateStr),
  needsLeaderSignoff: Type.Optional(Type.Boolean()),
  milestones: Type.Optional(Type.Array(MilestoneInput, { maxItems: 30 })),
}, { additionalProperties: false });

export const BulkBody = Type.Object({
  defaults: Type.Optional(BulkDefaults),
  rows: Type.Array(BulkRow, { minItems: 1, maxItems: 1000 }),
}, { additionalProperties: false });
export type BulkInput = Static<typeof BulkBody>;

export const SavedFilter = Type.Object({ id: Type.String(), name: Type.String(), query: Type.String(), createdAt: Type.String() });
export const SavedFilterCreate = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 40 }),
  query: Type.String({ maxLength: 2000, description: "The console's query string, e.g. rag=red&unitId=…" }),
}, { additionalProperties: false });

const { page: _page, pageSize: _pageSize, deadlineFrom: _from, deadlineTo: _to, sort: _sort, status: _status, overdue: _overdue, ...calendarFilters } = TaskListQuery.properties;
export const CalendarQuery = Type.Object({
  month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' }),
  ...calendarFilters,
}, { additionalProperties: false });
export type CalendarFilter = Static<typeof CalendarQuery>;

const CalendarTask = Type.Object({
  id: Type.String(), serial: Type.String(), title: Type.String(), status: Type.String(), level: Type.String(), progress: Type.Integer(),
  rag: StringEnum(['green', 'yellow', 'red'] as const), leadUnit: Type.Object({ id: Type.String(), name: Type.String() }),
});
const CalendarMilestone = Type.Object({
  id: Type.String(), title: Type.String(), done: Type.Boolean(),
  task: Type.Object({ id: Type.String(), serial: Type.String(), title: Type.String(), rag: StringEnum(['green', 'yellow', 'red'] as const), leadUnit: Type.Object({ id: Type.String(), name: Type.String() }) }),
});
export const DeadlineCalendar = Type.Object({
  month: Type.String(), total: Type.Integer(), truncated: Type.Boolean(),
  days: Type.Array(Type.Object({
    date: Type.String(), workday: Type.Boolean(),
    counts: Type.Object({ red: Type.Integer(), yellow: Type.Integer(), green: Type.Integer(), total: Type.Integer() }),
    tasks: Type.Array(CalendarTask),
    milestones: Type.Array(CalendarMilestone, { description: 'the milestones (节点) of open tasks due that day, with their task' }),
  })),
});
