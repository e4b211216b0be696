// A secret shown once (one-time password, TOTP key, recovery codes) with a copy button that also works on
// plain-HTTP intranet addresses (no Clipboard API there).
import { CopyOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { CSSProperties } from 'react';
import { useI18n } from '../../app/i18n';
import { showError, showSuccess } from '../../app/feedback';

export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) { await navigator.clipboard.writeText(text); return true; }
  } catch { /* fall back below */ }
  const area = document.createElement('textarea');
  area.value = text;
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let done = false;
  try { done = document.execCommand('copy'); } catch { done = false; }
  area.remove();
  return done;
}

export function useCopy() {
  const { t } = useI18n();
  return async (text: string) => {
    if (await copyText(text)) showSuccess(t('action.copied'));
    else showError(new Error(t('action.copyFailed')));
  };
}

export function CopyableSecret({ value, label, testId, style }: { value: string; label?: string; testId?: string; style?: CSSProperties }) {
  const { t } = useI18n();
  const copy = useCopy();
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap', ...style }}>
      {label && <span style={{ color: '#646a73' }}>{label}</span>}
      <code className="mono" data-testid={testId} style={{ fontSize: 16, padding: '4px 10px', background: '#f3f5f9', border: '1px solid #e5e8ee', borderRadius: 6, letterSpacing: 1, userSelect: 'all', wordBreak: 'break-all' }}>{value}</code>
      <Button size="small" icon={<CopyOutlined />} onClick={() => void copy(value)}>{t('action.copy')}</Button>
    </div>
  );
}
