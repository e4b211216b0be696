// 中文 / English. Signed in, the choice is also saved on the account so the server's messages follow it.
import { Segmented } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { Locale } from '../../../../common/roles';
import { api, ok } from '../../api/client';
import { SESSION_KEY } from '../auth';
import { useI18n } from '../i18n';
import type { SessionState } from '../../api/types';

export function useSwitchLocale() {
  const { setLocale } = useI18n();
  const qc = useQueryClient();
  return async (l: Locale) => {
    setLocale(l);
    const session = qc.getQueryData<SessionState | null>(SESSION_KEY);
    if (session && session.me.locale !== l) {
      await ok(api.PUT('/api/v1/auth/locale', { body: { locale: l } })).catch(() => {});
      qc.setQueryData<SessionState | null>(SESSION_KEY, (s) => (s ? { ...s, me: { ...s.me, locale: l } } : s));
    }
  };
}

export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { locale, t } = useI18n();
  const switchTo = useSwitchLocale();
  return (
    <Segmented size="small" aria-label={t('header.language')} value={locale} onChange={(v) => void switchTo(v as Locale)}
      options={[{ label: compact ? '中' : '中文', value: 'zh-CN' }, { label: compact ? 'EN' : 'English', value: 'en-US' }]} />
  );
}
