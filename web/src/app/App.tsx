// Providers: language → antd (locale, theme, App) → server state → router.
import { useEffect, useMemo } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { I18nProvider, useI18n } from './i18n';
import { FeedbackBridge, errorText } from './feedback';
import { makeQueryClient } from './query';
import { router } from './router';
import { theme } from './theme';
import { onUnauthorized } from '../api/errors';
import { SESSION_KEY, resetToSignedOut } from './auth';

function Themed() {
  const client = useMemo(makeQueryClient, []);
  const { message } = AntApp.useApp();
  useEffect(() => {
    let last = 0;
    onUnauthorized((e) => {
      if (client.getQueryData(SESSION_KEY) === null) return;
      if (Date.now() - last > 3000) message.warning(errorText(e));
      last = Date.now();
      resetToSignedOut(client);
    });
  }, [client, message]);
  return (
    <QueryClientProvider client={client}>
      <FeedbackBridge />
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}

export function Root() {
  return (
    <I18nProvider>
      <LocalizedAntd />
    </I18nProvider>
  );
}

function LocalizedAntd() {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={theme}>
      <AntApp>
        <Themed />
      </AntApp>
    </ConfigProvider>
  );
}
