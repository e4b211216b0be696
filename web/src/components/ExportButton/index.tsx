// Excel export of what the list shows (same filters), downloaded under the server's file name.
import { useState } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { download } from '../../api/download';
import { showError, showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';

export function ExportButton({ path, params, fallbackName }: { path: string; params: Record<string, unknown>; fallbackName: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try { showSuccess(t('export.done', { name: await download(path, params, fallbackName) })); } catch (e) { showError(e); } finally { setBusy(false); }
  };
  return <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()} data-testid="export">{t('action.export')}</Button>;
}
