// Table types as Kysely sees them (camelCase through CamelCasePlugin). Row types stay inside repositories.
import type { Generated } from 'kysely';

export interface RegionTable { code: string; name: string; level: string; parentCode: string | null }
export interface UnitTable {
  id: string; regionCode: string; name: string; shortName: string | null; kind: string; parentId: string | null;
  sortOrder: Generated<number>; phone: string | null; version: Generated<number>; createdAt: string; updatedAt: string;
}
export interface UserTable {
  id: string; regionCode: string; unitId: string | null; username: string; displayName: string; title: string | null;
  phone: string | null; passwordHash: string; mustChangePassword: Generated<number>; failedAttempts: Generated<number>;
  lockedUntil: string | null; totpSecret: string | null; totpEnabled: Generated<number>; totpLastStep?: number | null; recoveryCodes: string | null;
  locale: Generated<string>; disabled: Generated<number>; lastLoginAt: string | null; version: Generated<number>;
  createdAt: string; updatedAt: string;
}
export interface UserRoleTable { userId: string; role: string }
export interface LeaderTable {
  id: string; regionCode: string; userId: string; title: string; sortOrder: Generated<number>; version: Generated<number>;
  createdAt: string; updatedAt: string;
}
export interface LeaderDomainTable { leaderId: string; domain: string }
export interface LeaderUnitTable { leaderId: string; unitId: string }
export interface SessionTable {
  id: string; userId: string; stage: string; csrfToken: string; ip: string | null; userAgent: string | null;
  createdAt: string; lastSeenAt: string; expiresAt: string; revokedAt: string | null;
}
export interface RateLimitTable { key: string; windowStart: string; count: number }
export interface SettingTable { key: string; value: string; updatedAt: string }
export interface AuditLogTable {
  seq: number; at: string; regionCode: string | null; actorId: string | null; actorName: string | null; ip: string | null;
  action: string; entityType: string | null; entityId: string | null; beforeJson: string | null; afterJson: string | null;
  prevHash: string; hash: string;
}
export interface JobTable {
  id: string; kind: string; status: string; done: Generated<number>; total: Generated<number>; message: string | null;
  resultJson: string | null; userId: string | null; createdAt: string; updatedAt: string;
}
export interface LockTable { name: string; holder: string; expiresAt: string }

export interface CalendarDayTable { date: string; workday: number; name: string | null; updatedAt: string; updatedBy: string | null }
export interface CalendarYearTable { year: number; confirmedAt: string; confirmedBy: string | null }
export interface TaskTable {
  id: string; regionCode: string; serial: string; source: string; sourceRef: string | null; sourceTitle: string | null; sourceDate: string | null;
  title: string; content: string | null; leaderUserId: string | null; leadUnitId: string; level: string; cadence: string;
  cadenceDay: number | null; cadenceReason: string | null; startDate: string; deadline: string; originalDeadline: string; acceptDue: string;
  status: string; progress: Generated<number>; pendingExtensionTo: string | null; needsLeaderSignoff: Generated<number>;
  signedOffAt: string | null; originType: string | null; originId: string | null; recurringId: string | null; assignedAt: string;
  acceptedAt: string | null; completedAt: string | null; closedAt: string | null; lastReportAt: string | null; quality: number | null;
  rag: Generated<string>; ragReasons: Generated<string>; ragOn: string; expectedProgress: Generated<number>; missedReports: Generated<number>; nextReportDue: string | null;
  searchText: string; createdBy: string | null; createdAt: string; updatedAt: string; version: Generated<number>;
}
export interface TaskCoUnitTable { taskId: string; unitId: string }
export interface TaskMilestoneTable { id: string; taskId: string; title: string; dueDate: string; expectedProgress: number | null; doneAt: string | null }
export interface TaskEventTable {
  id: string; taskId: string; at: string; action: string; actorId: string | null; actorName: string | null; unitId: string | null;
  comment: string | null; reason: string | null; progress: number | null; dataJson: string | null; attachmentsJson: string | null; fieldsTyped: Generated<number>;
}
export interface AttachmentTable {
  id: string; regionCode: string; taskId: string | null; filename: string; mime: string; size: number; sha256: string; storagePath: string;
  uploadedBy: string | null; createdAt: string;
}
export interface EscalationTable {
  id: string; regionCode: string; taskId: string; year: number; seq: number; number: string; requirement: string; replyBy: string;
  issuedAt: string; issuedBy: string | null;
}
export interface AccountabilityActionTable {
  id: string; regionCode: string; unitId: string; taskId: string | null; kind: string; reason: string; decidedOn: string; createdBy: string | null; createdAt: string;
}
export interface NotificationTable { id: string; userId: string; kind: string; title: string; body: string | null; taskId: string | null; createdAt: string; readAt: string | null }
export interface ReminderTable { taskId: string; kind: string; dueKey: string; createdAt: string; digestedAt: string | null }
export interface DigestTable { userId: string; day: string; createdAt: string }
export interface WebhookTable { id: string; regionCode: string; unitId: string | null; kind: string; url: string; secret: string | null; enabled: Generated<number>; createdAt: string }
export interface WebhookDeliveryTable {
  id: string; webhookId: string; payloadJson: string; status: string; attempts: Generated<number>; nextAttemptAt: string; lastError: string | null;
  createdAt: string; deliveredAt: string | null;
}
export interface RecurringTaskTable {
  id: string; regionCode: string; title: string; frequency: string; templateJson: string; nextRunOn: string; active: Generated<number>;
  createdBy: string | null; createdAt: string;
}
export interface RecurringPeriodTable { recurringId: string; period: string; taskId: string | null; openedOn: string; createdAt: string }
export interface SavedFilterTable { id: string; userId: string; name: string; query: string; createdAt: string }

export interface CounterTable { key: string; value: number }

export interface EnterpriseTable {
  id: string; regionCode: string; creditCode: string; name: string; industryCode: string | null; townshipCode: string | null;
  park: string | null; aboveScale: Generated<number>; landAreaMu: number | null; producingSince: string | null; closedOn: string | null;
  codeOverrideReason: string | null; searchText: Generated<string>; version: Generated<number>; createdAt: string; updatedAt: string;
}
export interface EnterpriseParcelTable {
  id: string; enterpriseId: string; certificateNo: string | null; location: string | null; areaMu: number; landUse: string | null;
  acquiredOn: string | null; createdAt: string;
}
export interface EnterpriseTenancyTable {
  id: string; tenantId: string; landlordId: string; parcelId: string | null; areaMu: number; fromDate: string | null; toDate: string | null; createdAt: string;
}
export interface EnterpriseDataBatchTable {
  id: string; regionCode: string; source: string; year: number; fileName: string | null; moneyUnit: string | null;
  rowCount: Generated<number>; createdCount: Generated<number>; updatedCount: Generated<number>; createdBy: string | null; createdByName: string | null; createdAt: string;
}
export interface EnterpriseYearDataTable { enterpriseId: string; year: number; field: string; value: number; source: string; batchId: string | null; updatedAt: string }

export interface MuSchemeTable {
  id: string; regionCode: string; year: number; name: string; version: number; status: string; definitionJson: string;
  createdBy: string | null; createdAt: string; updatedAt: string;
}
export interface MuRunTable {
  id: string; regionCode: string; year: number; schemeId: string; schemeVersion: number; schemeJson: string; snapshotJson: string;
  status: string; createdBy: string | null; createdAt: string; publishedBy: string | null; publishedAt: string | null;
  /** The run's GroupStats[] (rules.ts), written with the results; null on runs made before 0015. */
  groupsJson: string | null;
}
export interface MuResultTable {
  runId: string; enterpriseId: string; creditCode: string; name: string; groupKey: string; groupName: string; townshipCode: string | null;
  park: string | null; industryCode: string | null; evaluated: number; exclusionReason: string | null; total: number | null; rank: number | null;
  class: string | null; forcedReason: string | null; perMuTax: number | null; perMuValueAdded: number | null; detailJson: string;
  /** The enterprise's figures in the run's snapshot; null on runs made before 0015. */
  figuresJson: string | null;
}
export interface MuAdjustmentTable {
  regionCode: string; year: number; enterpriseId: string; itemKey: string; quantity: number; note: string | null; updatedBy: string | null; updatedAt: string;
}
export interface MuPolicyTable { id: string; regionCode: string; name: string; body: string; kind: string; unit: string | null; basis: string | null; note: string | null; fromYear: number; toYear: number | null; termsJson: string; sortOrder: Generated<number>; version: Generated<number>; createdBy: string | null; createdAt: string; updatedAt: string }

export interface ProjectTable {
  id: string; regionCode: string; serial: string; name: string; projectCode: string | null; category: string; industryCode: string | null;
  townshipCode: string | null; ownerName: string | null; ownerCreditCode: string | null; content: string | null; totalInvestment: number;
  plannedStart: string | null; actualStart: string | null; plannedCompletion: string | null; actualCompletion: string | null;
  leaderUserId: string | null; leadUnitId: string; taskForce: string | null; planSummary: string | null; stage: string; stageSince: string;
  version: Generated<number>; createdBy: string | null; createdAt: string; updatedAt: string;
}
export interface ProjectYearPlanTable { projectId: string; year: number; plannedInvestment: number }
export interface ProjectStageMoveTable { id: string; projectId: string; fromStage: string | null; toStage: string; movedOn: string; actorId: string | null; comment: string | null; createdAt: string }
export interface ProjectApprovalTable {
  projectId: string; kind: string; variant: string | null; plannedOn: string | null; actualOn: string | null; docRef: string | null; note: string | null; updatedAt: string | null;
}
export interface ProjectMilestoneTable {
  id: string; projectId: string; title: string; plannedStart: string | null; plannedEnd: string; actualEnd: string | null;
  baselineStart: string | null; baselineEnd: string | null; sortOrder: Generated<number>; note: string | null; version: Generated<number>; createdAt: string; updatedAt: string;
}
export interface ProjectPlanApprovalTable { projectId: string; approvedOn: string; approvedBy: string | null; approvedByName: string | null; milestoneCount: number; createdAt: string }
export interface ProjectReportTable {
  id: string; projectId: string; regionCode: string; period: string; year: number; amount: number; progressText: string; problemsText: string | null;
  source: Generated<string>; dueOn: string; filedAt: string; filedBy: string | null; filedByName: string | null; late: Generated<number>;
  corrections: Generated<number>; version: Generated<number>; updatedAt: string;
}
export interface ProjectReportCorrectionTable { id: string; reportId: string; projectId: string; at: string; actorId: string | null; actorName: string | null; reason: string; beforeJson: string; afterJson: string }
export interface ProjectReportPhotoTable {
  id: string; reportId: string; projectId: string; regionCode: string; period: string; filename: string; mime: string; size: number; sha256: string;
  storagePath: string; uploadedBy: string | null; uploadedByName: string | null; uploadedByUnitId: string | null; uploadedAt: string;
}
export interface ProjectProblemTable { id: string; projectId: string; regionCode: string; kind: string; description: string; taskId: string; raisedBy: string | null; raisedByName: string | null; raisedAt: string }
export interface ProjectVisitTable { id: string; projectId: string; regionCode: string; leaderUserId: string; visitedOn: string; attendees: string; summary: string | null; createdBy: string | null; createdAt: string }
export interface ProjectVisitDecisionTable { id: string; visitId: string; projectId: string; content: string; leadUnitId: string; deadline: string; taskId: string; sortOrder: Generated<number> }

export interface DB {
  counters: CounterTable;
  enterprises: EnterpriseTable;
  enterpriseParcels: EnterpriseParcelTable;
  enterpriseTenancies: EnterpriseTenancyTable;
  enterpriseDataBatches: EnterpriseDataBatchTable;
  enterpriseYearData: EnterpriseYearDataTable;
  muSchemes: MuSchemeTable;
  muRuns: MuRunTable;
  muResults: MuResultTable;
  muAdjustments: MuAdjustmentTable;
  muPolicies: MuPolicyTable;
  calendarDays: CalendarDayTable;
  calendarYears: CalendarYearTable;
  tasks: TaskTable;
  taskCoUnits: TaskCoUnitTable;
  taskMilestones: TaskMilestoneTable;
  taskEvents: TaskEventTable;
  attachments: AttachmentTable;
  escalations: EscalationTable;
  accountabilityActions: AccountabilityActionTable;
  notifications: NotificationTable;
  reminders: ReminderTable;
  digests: DigestTable;
  webhooks: WebhookTable;
  webhookDeliveries: WebhookDeliveryTable;
  recurringTasks: RecurringTaskTable;
  recurringPeriods: RecurringPeriodTable;
  savedFilters: SavedFilterTable;
  projects: ProjectTable;
  projectYearPlans: ProjectYearPlanTable;
  projectStageMoves: ProjectStageMoveTable;
  projectApprovals: ProjectApprovalTable;
  projectMilestones: ProjectMilestoneTable;
  projectPlanApprovals: ProjectPlanApprovalTable;
  projectReports: ProjectReportTable;
  projectReportCorrections: ProjectReportCorrectionTable;
  projectReportPhotos: ProjectReportPhotoTable;
  projectProblems: ProjectProblemTable;
  projectVisits: ProjectVisitTable;
  projectVisitDecisions: ProjectVisitDecisionTable;
  regions: RegionTable;
  units: UnitTable;
  users: UserTable;
  userRoles: UserRoleTable;
  leaders: LeaderTable;
  leaderDomains: LeaderDomainTable;
  leaderUnits: LeaderUnitTable;
  sessions: SessionTable;
  rateLimits: RateLimitTable;
  settings: SettingTable;
  auditLog: AuditLogTable;
  jobs: JobTable;
  locks: LockTable;
}
