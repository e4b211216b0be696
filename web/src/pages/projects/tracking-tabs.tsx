// Extra tabs of the project page (挂图作战, 月报, 问题, 现场办公). Owned by helper G (project tracking);
// ProjectPage shows them after 概况 / 前期手续 / 阶段, in this order.
import type { ProjectTab } from './project-tab';
import { MilestonesTab } from './MilestonesTab';
import { ReportsTab } from './ReportsTab';
import { ProblemsTab } from './ProblemsTab';
import { VisitsTab } from './VisitsTab';

export const trackingTabs: ProjectTab[] = [
  { key: 'milestones', label: (t) => t('pt.tab.milestones'), render: (p) => <MilestonesTab {...p} /> },
  { key: 'reports', label: (t) => t('pt.tab.reports'), render: (p) => <ReportsTab {...p} /> },
  { key: 'problems', label: (t) => t('pt.tab.problems'), render: (p) => <ProblemsTab {...p} /> },
  { key: 'visits', label: (t) => t('pt.tab.visits'), render: (p) => <VisitsTab {...p} /> },
];
