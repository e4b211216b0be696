import { Spin } from 'antd';
import { useI18n } from '../../app/i18n';

export function PageLoading({ full = false }: { full?: boolean }) {
  const { t } = useI18n();
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', minHeight: full ? '100vh' : 240 }}>
      <Spin description={t('page.loading')} />
    </div>
  );
}
