// 重大项目 labels shared by server and web: stages, approvals (前期手续), problem kinds.
import type { Locale } from './roles.js';

type Label = { 'zh-CN': string; 'en-US': string };

/** 谋划 → 储备 → 前期 → 在建 → 竣工 → 投产, and 停工 (suspended) aside. */
export const PROJECT_STAGES = ['planning', 'reserve', 'preparation', 'construction', 'completed', 'operating', 'suspended'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];
export const PROJECT_STAGE_LABELS: Record<ProjectStage, Label> = {
  planning: { 'zh-CN': '谋划', 'en-US': 'Planning' },
  reserve: { 'zh-CN': '储备', 'en-US': 'Reserve' },
  preparation: { 'zh-CN': '前期', 'en-US': 'Preparation' },
  construction: { 'zh-CN': '在建', 'en-US': 'Under construction' },
  completed: { 'zh-CN': '竣工', 'en-US': 'Completed' },
  operating: { 'zh-CN': '投产', 'en-US': 'In operation' },
  suspended: { 'zh-CN': '停工', 'en-US': 'Suspended' },
};

/** 前期手续, in the order they are usually obtained. */
export const APPROVAL_KINDS = ['initiation', 'land_preexam', 'land_planning', 'works_planning', 'environment', 'energy', 'construction_permit'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];
export const APPROVAL_KIND_LABELS: Record<ApprovalKind, Label> = {
  initiation: { 'zh-CN': '立项（审批/核准/备案）', 'en-US': 'Initiation (approval / ratification / filing)' },
  land_preexam: { 'zh-CN': '用地预审与选址', 'en-US': 'Land pre-examination and site selection' },
  land_planning: { 'zh-CN': '用地规划许可', 'en-US': 'Land-use planning permit' },
  works_planning: { 'zh-CN': '工程规划许可', 'en-US': 'Works planning permit' },
  environment: { 'zh-CN': '环评', 'en-US': 'Environmental impact assessment' },
  energy: { 'zh-CN': '节能审查', 'en-US': 'Energy-saving review' },
  construction_permit: { 'zh-CN': '施工许可', 'en-US': 'Construction permit' },
};
/** 立项 comes as one of three procedures. */
export const INITIATION_VARIANTS = ['approval', 'ratification', 'filing'] as const;
export type InitiationVariant = (typeof INITIATION_VARIANTS)[number];
export const INITIATION_VARIANT_LABELS: Record<InitiationVariant, Label> = {
  approval: { 'zh-CN': '审批', 'en-US': 'Approval' },
  ratification: { 'zh-CN': '核准', 'en-US': 'Ratification' },
  filing: { 'zh-CN': '备案', 'en-US': 'Filing' },
};

/** Problems raised on a project (helper G's tracking uses these). */
export const PROBLEM_KINDS = ['land', 'funds', 'approval', 'relocation', 'utilities', 'other'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];
export const PROBLEM_KIND_LABELS: Record<ProblemKind, Label> = {
  land: { 'zh-CN': '用地', 'en-US': 'Land' },
  funds: { 'zh-CN': '资金', 'en-US': 'Funds' },
  approval: { 'zh-CN': '审批', 'en-US': 'Approvals' },
  relocation: { 'zh-CN': '征迁', 'en-US': 'Relocation' },
  utilities: { 'zh-CN': '水电路气', 'en-US': 'Utilities' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
};

/** Default of the setting projects.categories. */
export const DEFAULT_PROJECT_CATEGORIES = ['产业', '基础设施', '社会民生', '生态环保', '其他'];

export const stageLabel = (s: string, locale: Locale): string => PROJECT_STAGE_LABELS[s as ProjectStage]?.[locale] ?? s;
export const approvalLabel = (k: string, locale: Locale): string => APPROVAL_KIND_LABELS[k as ApprovalKind]?.[locale] ?? k;
