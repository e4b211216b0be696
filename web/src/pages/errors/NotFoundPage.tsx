import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result status="404" title={t('page.notFound')} subTitle={t('page.notFoundHint')}
      extra={<Link to="/"><Button type="primary">{t('action.backHome')}</Button></Link>} />
  );
}
