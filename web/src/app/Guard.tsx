// A page the current user's roles do not open says so (the server would refuse its data anyway).
import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useAccess, type Access } from '../access';
import { useI18n } from './i18n';

export function Guard({ allow, children }: { allow: (a: Access) => boolean; children: ReactNode }) {
  const access = useAccess();
  const { t } = useI18n();
  if (allow(access)) return <>{children}</>;
  return (
    <Result status="403" title={t('page.forbidden')} subTitle={t('page.forbiddenHint')}
      extra={<Link to="/"><Button type="primary">{t('action.backHome')}</Button></Link>} />
  );
}
