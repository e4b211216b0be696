import { Type, type Static } from 'typebox';
import { Page, PageQuery, StringEnum } from '../../platform/http/schemas.js';
import { TaskCreate } from './schemas.js';
import { FREQUENCIES } from './recurring-rules.js';

// The task's fields without its dates (they come from the period): no start, deadline, source date or milestones.
const { startDate: _s, deadline: _d, sourceDate: _sd, milestones: _m, ...taskFields } = TaskCreate.properties;

const Rule = {
  frequency: StringEnum(FREQUENCIES, { description: 'monthly 每月 | quarterly 每季度 | yearly 每年' }),
  periodMonth: Type.Optional(Type.Integer({ minimum: 1, maximum: 12, description: '在周期的第几个月开启，默认 1（按月：1；按季：1–3；按年：1–12）' })),
  openWorkday: Type.Integer({ minimum: 1, maximum: 23, description: '该月第几个工作日开启' }),
  deadlineWorkdays: Type.Integer({ minimum: 1, maximum: 250, description: '开启后多少个工作日为截止日期' }),
};

export const RecurringCreate = Type.Object({ ...taskFields, ...Rule, active: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export type RecurringCreateInput = Static<typeof RecurringCreate>;
export const RecurringPatch = Type.Partial(RecurringCreate, { additionalProperties: false });
export type RecurringPatchInput = Static<typeof RecurringPatch>;

const TaskTemplate = Type.Object({ ...taskFields });
export type TaskTemplate = Static<typeof TaskTemplate>;

export const Recurring = Type.Object({
  id: Type.String(), regionCode: Type.String(), title: Type.String(), frequency: StringEnum(FREQUENCIES),
  periodMonth: Type.Integer(), openWorkday: Type.Integer(), deadlineWorkdays: Type.Integer(), active: Type.Boolean(),
  nextRunOn: Type.String({ description: 'the day the next period opens' }), template: TaskTemplate, createdAt: Type.String(),
  periods: Type.Array(Type.Object({ period: Type.String(), taskId: Type.Union([Type.String(), Type.Null()]), openedOn: Type.String() })),
}, { $id: 'Recurring' });
export type RecurringView = Static<typeof Recurring>;

export const RecurringQuery = Type.Object({ ...PageQuery, active: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export const RecurringPage = Page(Type.Ref('Recurring'));
