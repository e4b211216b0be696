// The closed loop (交办 → 签收 → 反馈 → 催办/督办 → 办结 → 销号) as a state machine. Pure.
export const TASK_STATUSES = ['assigned', 'returned', 'in_progress', 'completion_requested', 'completed', 'closed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_ACTIONS = [
  'accept', 'return', 'reassign', 'report', 'request_extension', 'approve_extension', 'deny_extension',
  'request_completion', 'complete', 'send_back', 'sign_off', 'close', 'cancel',
] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** Who may take an action: the lead unit's people, the supervisor (督查室), or the responsible leader. */
export type ActorSide = 'lead_unit' | 'supervisor' | 'leader';

export interface TransitionRule { from: TaskStatus[]; to: TaskStatus | null; by: ActorSide[]; needsComment?: boolean }

export const TRANSITIONS: Record<TaskAction, TransitionRule> = {
  accept: { from: ['assigned'], to: 'in_progress', by: ['lead_unit'] },
  return: { from: ['assigned'], to: 'returned', by: ['lead_unit'], needsComment: true },
  reassign: { from: ['returned', 'assigned'], to: 'assigned', by: ['supervisor'] },
  report: { from: ['in_progress'], to: null, by: ['lead_unit'] },
  request_extension: { from: ['in_progress'], to: null, by: ['lead_unit'], needsComment: true },
  approve_extension: { from: ['in_progress'], to: null, by: ['supervisor'] },
  deny_extension: { from: ['in_progress'], to: null, by: ['supervisor'], needsComment: true },
  request_completion: { from: ['in_progress'], to: 'completion_requested', by: ['lead_unit'], needsComment: true },
  complete: { from: ['completion_requested'], to: 'completed', by: ['supervisor'] },
  send_back: { from: ['completion_requested'], to: 'in_progress', by: ['supervisor'], needsComment: true },
  sign_off: { from: ['completed'], to: null, by: ['leader'] },
  close: { from: ['completed'], to: 'closed', by: ['supervisor'] },
  cancel: { from: ['assigned', 'returned', 'in_progress'], to: 'cancelled', by: ['supervisor'], needsComment: true },
};

export interface TaskStateFacts {
  status: TaskStatus;
  pendingExtension: boolean;
  needsLeaderSignoff: boolean;
  signedOff: boolean;
}

/** Actions allowed now for someone on the given sides (a person can be on several). */
export function allowedActions(t: TaskStateFacts, sides: ReadonlySet<ActorSide>): TaskAction[] {
  return TASK_ACTIONS.filter((a) => canDo(t, a, sides) === null);
}

/** null if allowed; else the reason it is not. */
export function canDo(t: TaskStateFacts, action: TaskAction, sides: ReadonlySet<ActorSide>): 'state' | 'side' | null {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(t.status)) return 'state';
  if (action === 'request_extension' && t.pendingExtension) return 'state';
  if ((action === 'approve_extension' || action === 'deny_extension') && !t.pendingExtension) return 'state';
  if (action === 'sign_off' && (!t.needsLeaderSignoff || t.signedOff)) return 'state';
  if (action === 'close' && t.needsLeaderSignoff && !t.signedOff) return 'state';
  if (!rule.by.some((s) => sides.has(s))) return 'side';
  return null;
}

export const isOpen = (s: TaskStatus) => s === 'assigned' || s === 'returned' || s === 'in_progress' || s === 'completion_requested';
