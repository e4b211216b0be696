// The project life cycle as a state machine: 谋划 → 储备 → 前期 → 在建 → 竣工 → 投产, and 停工 (suspended) aside.
// Pure: the service asks here which moves are allowed and what each move needs.
import type { ProjectStage } from '../../../common/project-labels.js';

const NEXT: Record<ProjectStage, readonly ProjectStage[]> = {
  // A planned idea enters the reserve, or is dropped back; a reserve project starts its approvals.
  planning: ['reserve'],
  reserve: ['planning', 'preparation'],
  // 前期 → 在建 needs the start date; a project may fall back to the reserve when its approvals stall.
  preparation: ['reserve', 'construction', 'suspended'],
  construction: ['completed', 'suspended'],
  completed: ['operating'],
  operating: [],
  // Work resumes where it stopped (before or during construction), or back to the reserve.
  suspended: ['preparation', 'construction', 'reserve'],
};

export function allowedMoves(from: ProjectStage): readonly ProjectStage[] {
  return NEXT[from] ?? [];
}

export function canMove(from: ProjectStage, to: ProjectStage): boolean {
  return allowedMoves(from).includes(to);
}

/** What a move to `to` requires of the facts, as the field that must be set; null when nothing. */
export function moveRequires(to: ProjectStage): 'actualStart' | 'actualCompletion' | 'projectCode' | null {
  if (to === 'construction') return 'actualStart';
  if (to === 'completed') return 'actualCompletion';
  if (to === 'preparation') return 'projectCode';
  return null;
}

/** Stages that count as the stock (存量) of the library: not yet finished. */
export const ACTIVE_STAGES: readonly ProjectStage[] = ['planning', 'reserve', 'preparation', 'construction', 'suspended'];
