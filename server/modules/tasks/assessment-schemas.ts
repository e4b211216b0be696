// TypeBox schemas of 督查考核 (assessment) and the 减负 burden meter.
import { Type, type TSchema } from 'typebox';
import { Id } from '../../platform/http/schemas.js';
import { WEIGHT_KEYS } from './assessment-rules.js';

const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const MonthStr = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const Int = Type.Integer();
const NumOrNull = Type.Union([Type.Number(), Type.Null()]);
const StrOrNull = Type.Union([Type.String(), Type.Null()]);
const perItem = (t: TSchema) => Type.Object(Object.fromEntries(WEIGHT_KEYS.map((k) => [k, t])) as Record<(typeof WEIGHT_KEYS)[number], TSchema>);

/** Results only: there is no key for logins, clicks, time online, photos or attachments, and none may be added. */
const W = Type.Integer({ minimum: 0, maximum: 100 });
export const WeightsSchema = Type.Object(
  { acceptOnTime: W, reportOnTime: W, completeOnTime: W, overdue: W, returns: W, quality: W },
  { additionalProperties: false, description: 'Non-negative integers summing to 100' },
);

export const AssessmentQuery = Type.Object({ from: DateStr, to: DateStr }, { additionalProperties: false });
export const UnitAssessmentParams = Type.Object({ unitId: Id }, { additionalProperties: false });

const Period = Type.Object({
  from: Type.String(), to: Type.String(),
  cutoff: Type.String({ description: 'The last day that is over: what was due by then and not done counts as late' }),
  asOf: Type.String(),
});
const UnitRef = Type.Object({ id: Type.String(), name: Type.String(), shortName: StrOrNull });

export const AssessmentRow = Type.Object({
  unit: UnitRef,
  facts: Type.Object({
    assigned: Int, acceptDue: Int, acceptedOnTime: Int, reportsDue: Int, reportsOnTime: Int, completionDue: Int, completedOnTime: Int,
    active: Int, overdue: Int, returns: Int, qualityCount: Int, qualitySum: Int, meanQuality: NumOrNull,
  }),
  rates: perItem(NumOrNull), points: perItem(NumOrNull),
  total: NumOrNull, rank: Type.Union([Int, Type.Null()]), explanation: Type.String(),
});

export const Assessment = Type.Object({ period: Period, weights: WeightsSchema, rows: Type.Array(AssessmentRow) });

const TaskItem = Type.Object({
  id: Type.String(), serial: Type.String(), title: Type.String(), status: Type.String(), acceptDue: Type.String(),
  acceptedAt: StrOrNull, deadline: Type.String(), doneAt: StrOrNull,
});
const TaskItems = Type.Array(TaskItem);

export const UnitAssessment = Type.Object({
  period: Period, weights: WeightsSchema, row: AssessmentRow,
  tasks: Type.Object({
    assigned: TaskItems, acceptedOnTime: TaskItems, acceptLate: TaskItems, completedOnTime: TaskItems, completeLate: TaskItems, overdue: TaskItems,
    quality: Type.Array(Type.Intersect([TaskItem, Type.Object({ quality: Int })])),
    reports: Type.Array(Type.Object({ taskId: Type.String(), serial: Type.String(), title: Type.String(), due: Type.String(), met: Type.Boolean() })),
    returns: Type.Array(Type.Object({ taskId: Type.String(), serial: Type.String(), title: Type.String(), at: Type.String(), reason: StrOrNull, comment: StrOrNull })),
  }),
});

export const BurdenQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
  from: Type.Optional(MonthStr), to: Type.Optional(MonthStr),
}, { additionalProperties: false });

const BurdenCounts = {
  tasksAssigned: Int,
  reportsRequested: Type.Integer({ description: 'Report due dates in the month from the cadence of each task the unit leads' }),
  reportsFiled: Int,
  fieldsTyped: Type.Integer({ description: 'Fields typed by the unit in reports (a "no change" report types none)' }),
  remindersSent: Int, completedOnTime: Int, completeLate: Int,
  overdue: Type.Integer({ description: 'Open past the deadline at the end of the month; the total carries the last month' }),
};
export const Burden = Type.Object({
  months: Type.Array(Type.String()),
  rows: Type.Array(Type.Object({
    unit: UnitRef, total: Type.Object(BurdenCounts),
    months: Type.Array(Type.Object({ month: Type.String(), ...BurdenCounts })),
  })),
});
