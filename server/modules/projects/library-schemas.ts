// TypeBox schemas of the project library (validation + OpenAPI).
import { Type, type Static } from 'typebox';
import { APPROVAL_KINDS, INITIATION_VARIANTS, PROJECT_STAGES } from '../../../common/project-labels.js';
import { Id, Page, PageQuery, StringEnum } from '../../platform/http/schemas.js';

export const Stage = StringEnum(PROJECT_STAGES);
export const ApprovalKind = StringEnum(APPROVAL_KINDS);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Str = (max: number) => Type.String({ maxLength: max });

export const NextApproval = Nullable(Type.Object({ kind: ApprovalKind, plannedOn: Nullable(Type.String()), overdue: Type.Boolean() }));

const ProjectCore = {
  id: Type.String(), regionCode: Type.String(), serial: Type.String(), name: Type.String(), projectCode: Nullable(Type.String()),
  category: Type.String(), townshipCode: Nullable(Type.String()), townshipName: Nullable(Type.String()),
  ownerName: Nullable(Type.String()), totalInvestment: Type.Number(),
  yearPlan: Nullable(Type.Number({ description: "this year's planned investment (万元)" })),
  plannedStart: Nullable(Type.String()), actualStart: Nullable(Type.String()), plannedCompletion: Nullable(Type.String()), actualCompletion: Nullable(Type.String()),
  leaderUserId: Nullable(Type.String()), leaderName: Nullable(Type.String()), leadUnitId: Type.String(), leadUnitName: Type.String(),
  stage: Stage, stageSince: Type.String(), version: Type.Integer(), nextApproval: NextApproval,
};
export const ProjectListItem = Type.Object(ProjectCore, { $id: 'ProjectListItem' });
export type ProjectListItemView = Static<typeof ProjectListItem>;

export const Project = Type.Object({
  ...ProjectCore,
  industryCode: Nullable(Type.String()), ownerCreditCode: Nullable(Type.String()), content: Nullable(Type.String()),
  taskForce: Nullable(Type.String()), planSummary: Nullable(Type.String()),
  yearPlans: Type.Array(Type.Object({ year: Type.Integer(), plannedInvestment: Type.Number() })),
  createdAt: Type.String(), updatedAt: Type.String(),
  canEdit: Type.Boolean({ description: 'the actor may change facts, approvals and the stage' }),
  canReassign: Type.Boolean({ description: 'the actor may change the lead unit and the leader (library units, supervisors)' }),
  allowedMoves: Type.Array(Stage),
}, { $id: 'Project' });
export type ProjectView = Static<typeof Project>;

const Fields = {
  name: Type.String({ minLength: 2, maxLength: 100, pattern: '\\S' }),
  projectCode: Type.Optional(Nullable(Str(30))),
  category: Type.String({ minLength: 1, maxLength: 20 }),
  industryCode: Type.Optional(Nullable(Str(8))),
  townshipCode: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{6,12}$' }))),
  ownerName: Type.Optional(Nullable(Str(100))),
  ownerCreditCode: Type.Optional(Nullable(Str(18))),
  content: Type.Optional(Nullable(Str(2000))),
  totalInvestment: Type.Number({ exclusiveMinimum: 0, maximum: 1e9, description: '万元' }),
  yearPlan: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e9, description: "this year's planned investment (万元)" }))),
  planYear: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: 'the year of yearPlan (default: this year)' })),
  plannedStart: Type.Optional(Nullable(DateStr)),
  actualStart: Type.Optional(Nullable(DateStr)),
  plannedCompletion: Type.Optional(Nullable(DateStr)),
  actualCompletion: Type.Optional(Nullable(DateStr)),
  leaderUserId: Type.Optional(Nullable(Id)),
  leadUnitId: Id,
  taskForce: Type.Optional(Nullable(Str(500))),
  planSummary: Type.Optional(Nullable(Str(4000))),
};
export const ProjectCreate = Type.Object({
  ...Fields,
  stage: Type.Optional(StringEnum(['planning', 'reserve', 'preparation', 'construction'] as const, { description: 'the stage it enters the library at (default reserve)' })),
}, { additionalProperties: false });
export type ProjectCreateInput = Static<typeof ProjectCreate>;

export const ProjectPatch = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  ...Type.Partial(Type.Object(Fields)).properties,
}, { additionalProperties: false });
export type ProjectPatchInput = Static<typeof ProjectPatch>;

export const ProjectListQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 60 })),
  stage: Type.Optional(Stage),
  category: Type.Optional(Type.String({ maxLength: 20 })),
  townshipCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,12}$' })),
  leaderUserId: Type.Optional(Id),
  leadUnitId: Type.Optional(Id),
}, { additionalProperties: false });
export type ProjectListFilter = Static<typeof ProjectListQuery>;
export const ProjectPage = Page(Type.Ref('ProjectListItem'));

export const StageMoveBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  to: Stage,
  movedOn: DateStr,
  comment: Type.Optional(Nullable(Str(500))),
  /** Facts a move needs, given in the same step (the start date for 在建, the completion date for 竣工, the code for 前期). */
  actualStart: Type.Optional(DateStr),
  actualCompletion: Type.Optional(DateStr),
  projectCode: Type.Optional(Str(30)),
}, { additionalProperties: false });
export type StageMoveInput = Static<typeof StageMoveBody>;

export const StageMove = Type.Object({
  id: Type.String(), fromStage: Nullable(Stage), toStage: Stage, movedOn: Type.String(), actorName: Nullable(Type.String()), comment: Nullable(Type.String()), createdAt: Type.String(),
});
export const StageMoveList = Type.Object({ items: Type.Array(StageMove) });

export const Approval = Type.Object({
  kind: ApprovalKind, variant: Nullable(StringEnum(INITIATION_VARIANTS)), plannedOn: Nullable(Type.String()), actualOn: Nullable(Type.String()),
  docRef: Nullable(Type.String()), note: Nullable(Type.String()), done: Type.Boolean(), overdue: Type.Boolean(),
});
export const ApprovalList = Type.Object({ items: Type.Array(Approval), next: NextApproval });
export const ApprovalParams = Type.Object({ id: Id, kind: ApprovalKind }, { additionalProperties: false });
export const ApprovalPut = Type.Object({
  variant: Type.Optional(Nullable(StringEnum(INITIATION_VARIANTS))),
  plannedOn: Type.Optional(Nullable(DateStr)),
  actualOn: Type.Optional(Nullable(DateStr)),
  docRef: Type.Optional(Nullable(Str(100))),
  note: Type.Optional(Nullable(Str(500))),
}, { additionalProperties: false });
export type ApprovalPutInput = Static<typeof ApprovalPut>;

export const StockQuery = Type.Object({
  category: Type.Optional(Type.String({ maxLength: 20 })), townshipCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,12}$' })),
  leaderUserId: Type.Optional(Id), leadUnitId: Type.Optional(Id),
}, { additionalProperties: false });
export const Stock = Type.Object({
  items: Type.Array(Type.Object({ stage: Stage, count: Type.Integer(), totalInvestment: Type.Number() })),
  total: Type.Object({ count: Type.Integer(), totalInvestment: Type.Number() }),
});
export const ConversionQuery = Type.Object({ months: Type.Optional(Type.Integer({ minimum: 3, maximum: 60, default: 12 })) }, { additionalProperties: false });
export const Conversion = Type.Object({
  items: Type.Array(Type.Object({
    month: Type.String({ description: 'YYYY-MM' }),
    enteredReserve: Type.Integer({ description: 'projects that entered the reserve (储备) that month' }),
    converted: Type.Integer({ description: 'reserve projects that started construction (储备转在建) that month' }),
    reserveAtEnd: Type.Integer({ description: 'reserve and preparation projects at the end of the month' }),
    constructionAtEnd: Type.Integer(),
  })),
  rate: Nullable(Type.Number({ description: 'converted over the window ÷ (reserve stock at its start + entered), 0–1' })),
});
export const ProjectOptions = Type.Object({
  categories: Type.Array(Type.String()),
  townships: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  leaders: Type.Array(Type.Object({ userId: Type.String(), name: Type.String(), title: Nullable(Type.String()) })),
  canCreate: Type.Boolean(),
});
