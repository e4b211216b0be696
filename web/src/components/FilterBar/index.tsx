// The row of filters above a list; wraps on narrow screens.
import type { ReactNode } from 'react';
import { Button } from 'antd';
import { useI18n } from '../../app/i18n';

export function FilterBar({ children, filtered, onClear }: { children: ReactNode; filtered?: boolean; onClear?: () => void }) {
  const { t } = useI18n();
  return (
    <div role="search" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 12 }}>
      {children}
      {filtered && onClear && <Button type="link" onClick={onClear}>{t('action.clearFilters')}</Button>}
    </div>
  );
}
