// The sign-in page's brand side: the seal, the name, what the platform does.
import { CheckOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import { Seal } from '../../app/layout/Logo';

export function BrandPanel({ compact = false }: { compact?: boolean }) {
  const { t } = useI18n();
  if (compact) {
    return (
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, margin: '40px 0 20px' }}>
        <Seal size={44} />
        <div>
          <div style={{ fontSize: 24, fontWeight: 700, letterSpacing: 2, color: '#1f2329' }}>{t('app.name')}</div>
          <div style={{ color: '#646a73' }}>{t('app.slogan')}</div>
        </div>
      </div>
    );
  }
  return (
    <aside style={{
      flex: '0 0 44%', maxWidth: 640, color: '#fff', padding: '56px 56px 40px', display: 'flex', flexDirection: 'column',
      background: 'linear-gradient(160deg, #123a8c 0%, #1a56c4 55%, #2f6fd8 100%)',
    }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 14 }}>
        <Seal size={52} />
        <div>
          <div style={{ fontSize: 30, fontWeight: 700, letterSpacing: 4 }}>{t('app.name')}</div>
          <div style={{ opacity: 0.85 }}>{t('app.subtitle')}</div>
        </div>
      </div>
      <div style={{ marginTop: 'auto', marginBottom: 'auto', paddingBlock: 40 }}>
        <div style={{ fontSize: 34, fontWeight: 600, letterSpacing: 3, marginBottom: 20 }}>{t('app.slogan')}</div>
        <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.88)', fontSize: 15, lineHeight: 1.9, maxWidth: 460 }}>{t('login.intro')}</Typography.Paragraph>
        <ul style={{ listStyle: 'none', padding: 0, margin: '24px 0 0', display: 'grid', gap: 12 }}>
          {(['login.point1', 'login.point2', 'login.point3'] as const).map((k) => (
            <li key={k} style={{ display: 'flex', gap: 10, alignItems: 'baseline', color: 'rgba(255,255,255,0.92)' }}>
              <CheckOutlined style={{ color: '#8fd3ff' }} /> <span>{t(k)}</span>
            </li>
          ))}
        </ul>
      </div>
      <div style={{ fontSize: 12, opacity: 0.7 }}>{t('login.footer')}</div>
    </aside>
  );
}
