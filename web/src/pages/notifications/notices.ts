// The in-app inbox: the unread count (polled modestly: every minute and when the window regains focus), the
// latest notices, marking read. The bell and the inbox page share these.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { Schemas } from '../../api/types';
import type { MessageKey } from '../../locales/zh-CN';
import type { T } from '../../app/i18n';

export type Notice = Schemas['Notification'];

export const UNREAD_POLL_MS = 60_000;

export function useUnreadCount() {
  return useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => ok(api.GET('/api/v1/notifications/unread-count')),
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 15_000,
    meta: { quiet: true },
  });
}

export function useNotices(query: { page?: number; pageSize?: number; unread?: boolean }, { enabled = true, keepPrevious = false } = {}) {
  return useQuery({
    queryKey: ['notifications', 'list', query],
    queryFn: () => ok(api.GET('/api/v1/notifications', { params: { query } })),
    enabled,
    staleTime: 5_000,
    ...(keepPrevious ? { placeholderData: keepPreviousData } : {}),
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => ok(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => ok(api.POST('/api/v1/notifications/read-all')),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

const KIND_COLORS: Record<string, string> = { 'task.escalate': 'red', digest: 'orange', 'task.return': 'gold', 'task.send_back': 'gold', 'task.deny_extension': 'gold', 'task.complete': 'green', 'task.approve_extension': 'green' };

/** The kind as a short word and a tag colour (unknown kinds: 通知). */
export function kindOf(kind: string, t: T): { label: string; color: string } {
  const key = `notices.kind.${kind}` as MessageKey;
  const label = t(key);
  return { label: label === key ? t('notices.kind.other') : label, color: KIND_COLORS[kind] ?? 'blue' };
}

/** Where a notice leads: its task; a digest of several tasks leads to the unit's inbox (if the user has one). */
export function noticeLink(n: Pick<Notice, 'taskId' | 'kind'>, hasInbox: boolean): string | null {
  if (n.taskId) return `/tasks/${n.taskId}`;
  if (n.kind === 'digest' && hasInbox) return '/tasks/inbox';
  return null;
}
