// The contract between the project page shell (ProjectPage, helper F) and the tabs other files add (tracking-tabs.tsx).
import type { ReactNode } from 'react';
import type { T } from '../../app/i18n';

/** What every tab receives: the project as the page loaded it. */
export interface ProjectTabProject {
  id: string; name: string; serial: string; stage: string; version: number; leadUnitId: string; leaderUserId: string | null;
  totalInvestment: number; plannedStart: string | null; actualStart: string | null; plannedCompletion: string | null; actualCompletion: string | null;
  /** The actor may edit the project's facts (library unit, supervisor, or the lead unit). */
  canEdit: boolean;
}
export interface ProjectTabProps { project: ProjectTabProject; reload: () => void }

export interface ProjectTab {
  /** Also the URL hash/query value (?tab=key). */
  key: string;
  label: (t: T) => ReactNode;
  render: (props: ProjectTabProps) => ReactNode;
}
