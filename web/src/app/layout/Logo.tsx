// The brand mark: a seal-red square with 实, and the product name.
import { BRAND_RED } from '../theme';
import { useI18n } from '../i18n';

export function Seal({ size = 32 }: { size?: number }) {
  return (
    <span aria-hidden style={{
      display: 'inline-flex', alignItems: 'center', justifyContent: 'center', width: size, height: size, borderRadius: size / 5,
      background: BRAND_RED, color: '#fff', fontWeight: 700, fontSize: size * 0.56, lineHeight: 1, flex: 'none',
    }}>实</span>
  );
}

export function Logo({ collapsed = false }: { collapsed?: boolean }) {
  const { t } = useI18n();
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 10, height: 56, padding: collapsed ? '0 24px' : '0 20px', overflow: 'hidden', whiteSpace: 'nowrap' }}>
      <Seal />
      {!collapsed && (
        <span style={{ display: 'flex', flexDirection: 'column', lineHeight: 1.2 }}>
          <span style={{ fontSize: 17, fontWeight: 700, color: '#1f2329', letterSpacing: 1 }}>{t('app.name')}</span>
          <span style={{ fontSize: 11, color: '#8a919f' }}>{t('app.subtitle')}</span>
        </span>
      )}
    </div>
  );
}
