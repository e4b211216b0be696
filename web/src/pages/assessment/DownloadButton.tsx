// A download under the server's file name (a .docx or an .xlsx), with its own label.
import { useState, type ReactNode } from 'react';
import { Button } from 'antd';
import { download } from '../../api/download';
import { showError, showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';

export function DownloadButton({ path, params, fallbackName, icon, label, testId, primary }: {
  path: string; params: Record<string, unknown>; fallbackName: string; icon: ReactNode; label: string; testId: string; primary?: boolean;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try { showSuccess(t('export.done', { name: await download(path, params, fallbackName) })); } catch (e) { showError(e); } finally { setBusy(false); }
  };
  return <Button type={primary ? 'primary' : 'default'} icon={icon} loading={busy} onClick={() => void run()} data-testid={testId}>{label}</Button>;
}
