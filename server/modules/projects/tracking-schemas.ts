// TypeBox schemas of project tracking: milestones (挂图作战), monthly reports (月报), problems, site visits, lights, overview.
import { Type, type Static } from 'typebox';
import { Id, StringEnum } from '../../platform/http/schemas.js';
import { PROBLEM_KINDS, PROJECT_STAGES } from '../../../common/project-labels.js';
import { OVERVIEW_TABLES } from './overview-service.js';

const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const PeriodStr = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const N = <T extends import('typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Str = Type.String();
const Num = Type.Number();

export const ProjectIdParams = Type.Object({ id: Id }, { additionalProperties: false });
export const MilestoneParams = Type.Object({ id: Id, milestoneId: Id }, { additionalProperties: false });
export const PeriodParams = Type.Object({ id: Id, period: PeriodStr }, { additionalProperties: false });

export const MilestoneInput = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 100 }),
  plannedStart: Type.Optional(N(DateStr)),
  plannedEnd: DateStr,
  actualEnd: Type.Optional(N(DateStr)),
  note: Type.Optional(N(Type.String({ maxLength: 500 }))),
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
}, { additionalProperties: false });
export type MilestoneInput = Static<typeof MilestoneInput>;
export const MilestonePatch = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  plannedStart: Type.Optional(N(DateStr)),
  plannedEnd: Type.Optional(DateStr),
  actualEnd: Type.Optional(N(DateStr)),
  note: Type.Optional(N(Type.String({ maxLength: 500 }))),
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
}, { additionalProperties: false });
export type MilestonePatch = Static<typeof MilestonePatch>;

export const Milestone = Type.Object({
  id: Str, title: Str, plannedStart: N(Str), plannedEnd: Str, actualEnd: N(Str), baselineStart: N(Str), baselineEnd: N(Str),
  sortOrder: Type.Integer(), note: N(Str), version: Type.Integer(),
  state: StringEnum(['done', 'overdue', 'due_soon', 'planned'] as const), slipDays: N(Type.Integer()), lateDays: Type.Integer(),
}, { $id: 'ProjectMilestone' });
export const MilestonePlan = Type.Object({
  projectId: Str, today: Str,
  approval: N(Type.Object({ approvedOn: Str, approvedByName: N(Str), milestoneCount: Type.Integer() })),
  milestones: Type.Array(Type.Ref('ProjectMilestone')), canEdit: Type.Boolean(), canApprove: Type.Boolean(),
});

export const BattleMapQuery = Type.Object({
  stage: Type.Optional(StringEnum(PROJECT_STAGES)),
  category: Type.Optional(Type.String({ maxLength: 40 })),
  townshipCode: Type.Optional(Type.String({ maxLength: 20 })),
  leaderUserId: Type.Optional(Id),
  leadUnitId: Type.Optional(Id),
  q: Type.Optional(Type.String({ maxLength: 60 })),
  overdueOnly: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 300 })),
}, { additionalProperties: false });
export type BattleMapQuery = Static<typeof BattleMapQuery>;
export const BattleMap = Type.Object({
  today: Str, truncated: Type.Boolean(),
  items: Type.Array(Type.Object({
    id: Str, name: Str, serial: Str, stage: Str, category: Str, townshipCode: N(Str), leaderUserId: N(Str), leadUnitName: Str,
    milestones: Type.Array(Type.Ref('ProjectMilestone')),
  })),
});

export const ReportInput = Type.Object({
  amount: Type.Number({ minimum: 0, maximum: 10_000_000, description: '当月完成投资（万元）' }),
  progressText: Type.String({ minLength: 1, maxLength: 2000, description: '形象进度' }),
  problemsText: Type.Optional(N(Type.String({ maxLength: 2000 }))),
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  reason: Type.Optional(Type.String({ maxLength: 500, description: 'required to correct a closed period' })),
}, { additionalProperties: false });
export type ReportInput = Static<typeof ReportInput>;
/** A 形象进度 photo on a monthly report (optional evidence); its bytes at …/reports/{period}/photos/{photoId}. */
export const ReportPhoto = Type.Object({ id: Str, filename: Str, mime: Str, size: Type.Integer(), uploadedAt: Str, by: N(Str), canRemove: Type.Boolean() });
export const Report = Type.Object({
  id: Str, period: Str, amount: Num, yearToDate: Num, sinceStart: Num, progressText: Str, problemsText: N(Str), source: StringEnum(['form', 'ledger'] as const),
  dueOn: Str, filedAt: Str, filedByName: N(Str), late: Type.Boolean(), closed: Type.Boolean(), version: Type.Integer(),
  corrections: Type.Array(Type.Object({ at: Str, actorName: N(Str), reason: Str, before: Type.Record(Str, Type.Unknown()), after: Type.Record(Str, Type.Unknown()) })),
  photos: Type.Array(ReportPhoto),
}, { $id: 'ProjectReport' });
export const ReportList = Type.Object({
  projectId: Str, today: Str, reportDueDay: Type.Integer(), canFile: Type.Boolean(),
  items: Type.Array(Type.Ref('ProjectReport')), missing: Type.Array(Type.Object({ period: Str, dueOn: Str })),
});
export const ReportFormQuery = Type.Object({ period: Type.Optional(PeriodStr) }, { additionalProperties: false });
export const ReportsExportQuery = Type.Object({ period: Type.Optional(PeriodStr) }, { additionalProperties: false }); // default: the last ended month
export const ReportForm = Type.Object({
  projectId: Str, period: Str, dueOn: Str, closed: Type.Boolean(), canReport: Type.Boolean(), exists: Type.Boolean(), version: N(Type.Integer()),
  amount: N(Num), progressText: Str, problemsText: N(Str), previous: N(Type.Object({ period: Str, amount: Num })),
  yearToDateBefore: Num, sinceStartBefore: Num,
  photos: Type.Array(ReportPhoto),
});
export const ReportSaved = Type.Object({ created: Type.Boolean(), report: Type.Ref('ProjectReport') });

export const ProblemInput = Type.Object({
  kind: StringEnum(PROBLEM_KINDS),
  description: Type.String({ minLength: 2, maxLength: 2000 }),
  responsibleUnitId: Type.Optional(Id),
  deadline: Type.Optional(DateStr),
}, { additionalProperties: false });
export type ProblemInput = Static<typeof ProblemInput>;
export const ReferInput = Type.Object({ note: Type.Optional(Type.String({ maxLength: 1000 })), deadline: Type.Optional(DateStr) }, { additionalProperties: false });
export type ReferInput = Static<typeof ReferInput>;
const TaskBrief = Type.Object({ id: Str, serial: Str, status: Str, rag: Str });
export const Problem = Type.Object({
  id: Str, kind: Str, description: Str, raisedAt: Str, raisedByName: N(Str), open: Type.Boolean(),
  task: Type.Object({ id: Str, serial: Str, status: Str, rag: Str, deadline: Str, progress: Type.Integer(), completedAt: N(Str), leadUnitName: Str }),
}, { $id: 'ProjectProblem' });
export const ProblemList = Type.Object({ projectId: Str, canRaise: Type.Boolean(), canRefer: Type.Boolean(), items: Type.Array(Type.Ref('ProjectProblem')), open: Type.Integer(), closed: Type.Integer() });

export const VisitInput = Type.Object({
  leaderUserId: Type.Optional(Id),
  visitedOn: DateStr,
  attendees: Type.String({ minLength: 1, maxLength: 1000, description: '参加人员' }),
  summary: Type.Optional(N(Type.String({ maxLength: 4000 }))),
  decisions: Type.Array(Type.Object({ content: Type.String({ minLength: 2, maxLength: 1000 }), leadUnitId: Id, deadline: DateStr }, { additionalProperties: false }), { maxItems: 30 }),
}, { additionalProperties: false });
export type VisitInput = Static<typeof VisitInput>;
export const Visit = Type.Object({
  id: Str, visitedOn: Str, attendees: Str, summary: N(Str), leader: Type.Object({ id: Str, name: Str }),
  decisions: Type.Array(Type.Object({ id: Str, content: Str, deadline: Str, leadUnitName: Str, task: TaskBrief, open: Type.Boolean() })),
}, { $id: 'ProjectVisit' });
export const VisitList = Type.Object({ projectId: Str, canRecord: Type.Boolean(), items: Type.Array(Type.Ref('ProjectVisit')) });

const Reason = Type.Object({ code: Str, params: Type.Optional(Type.Record(Str, Type.Union([Str, Num]))), message: Str });
export const LightView = Type.Object({
  projectId: Str, today: Str, light: StringEnum(['green', 'yellow', 'red', 'none'] as const), reasons: Type.Array(Reason),
  timeShare: Num, completionRate: N(Num), behind: N(Num), yearPlanned: N(Num), yearCompleted: Num, canRefer: Type.Boolean(),
});

export const OverviewQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false });
export const OverviewExportQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), table: Type.Optional(StringEnum(OVERVIEW_TABLES)) }, { additionalProperties: false });
const Group = Type.Object({ key: Str, label: Str, count: Type.Integer(), totalInvestment: Num, yearPlanned: Num, yearCompleted: Num, red: Type.Integer(), yellow: Type.Integer() });
export const Overview = Type.Object({
  today: Str, year: Type.Integer(), count: Type.Integer(), totalInvestment: Num, yearPlanned: Num, yearCompleted: Num,
  lights: Type.Object({ red: Type.Integer(), yellow: Type.Integer(), green: Type.Integer(), none: Type.Integer() }),
  byStage: Type.Array(Group), byCategory: Type.Array(Group), byTownship: Type.Array(Group), byLeader: Type.Array(Group),
  months: Type.Array(Type.Object({ month: Type.Integer(), plannedToDate: Num, completed: N(Num), completedToDate: N(Num) })),
  laggards: Type.Array(Type.Object({
    id: Str, name: Str, serial: Str, stage: Str, leadUnitName: Str, leaderName: N(Str), light: Str, behind: N(Num), completionRate: N(Num),
    yearPlanned: N(Num), yearCompleted: Num, reasons: Type.Array(Str),
  })),
  notStarted: Type.Array(Type.Object({ id: Str, name: Str, serial: Str, stage: Str, leadUnitName: Str, leaderName: N(Str), plannedStart: Str, daysLate: Type.Integer() })),
  approvalsDue: Type.Array(Type.Object({ projectId: Str, name: Str, serial: Str, leadUnitName: Str, kind: Str, kindLabel: Str, plannedOn: Str, overdue: Type.Boolean() })),
  reports: Type.Object({ period: Str, dueOn: Str, owing: Type.Integer(), filed: Type.Integer(), late: Type.Integer(), missing: Type.Integer() }),
  /** Each list's full length; the lists above hold at most `limit` rows (the Excel export holds all). */
  listTotals: Type.Object({ laggards: Type.Integer(), notStarted: Type.Integer(), approvalsDue: Type.Integer(), limit: Type.Integer() }),
});

// 月报 photos
export const ReportPhotoParams = Type.Object({ id: Id, period: PeriodStr, photoId: Id }, { additionalProperties: false });
export const ReportPhotoRemoveQuery = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500, description: 'required once the period is closed' })) }, { additionalProperties: false });
