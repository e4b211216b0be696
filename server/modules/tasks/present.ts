// Task rows → the API's TaskView, with the colour's reasons in the reader's language.
import { message } from '../../../common/messages.js';
import type { Locale } from '../../../common/roles.js';
import type { WorkCalendar } from '../../platform/calendar/working-days.js';
import type { TaskView } from './schemas.js';

export function presentTask(r: any, coUnits: { id: string; name: string }[], cal: WorkCalendar, today: string, locale: Locale): TaskView {
  const reasons: { code: string; params?: Record<string, string | number> }[] = JSON.parse(r.ragReasons || '[]');
  return {
    id: r.id, serial: r.serial, regionCode: r.regionCode, source: r.source, sourceRef: r.sourceRef ?? null, sourceTitle: r.sourceTitle ?? null,
    sourceDate: r.sourceDate ?? null, title: r.title, content: r.content ?? null,
    leader: r.leaderUserId ? { id: r.leaderUserId, name: r.leaderName ?? '' } : null,
    leadUnit: { id: r.leadUnitId, name: r.leadUnitName }, coUnits,
    level: r.level, cadence: r.cadence, cadenceDay: r.cadenceDay ?? null, startDate: r.startDate, deadline: r.deadline,
    originalDeadline: r.originalDeadline, acceptDue: r.acceptDue, status: r.status, progress: r.progress,
    pendingExtensionTo: r.pendingExtensionTo ?? null, needsLeaderSignoff: !!r.needsLeaderSignoff, signedOffAt: r.signedOffAt ?? null,
    origin: r.originType ? { type: r.originType, id: r.originId } : null,
    assignedAt: r.assignedAt, acceptedAt: r.acceptedAt ?? null, completedAt: r.completedAt ?? null, closedAt: r.closedAt ?? null,
    lastReportAt: r.lastReportAt ?? null, rag: r.rag, ragReasons: reasons.map((x) => ({ ...x, message: message(x.code, locale, x.params) })),
    expectedProgress: r.expectedProgress, missedReports: r.missedReports, nextReportDue: r.nextReportDue ?? null,
    workdaysLeft: cal.workdaysBetween(today, r.deadline), version: r.version,
  };
}
