// The template is the list's own export: the same headers, with today's rows to edit.
import { useState } from 'react';
import { FileExcelOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { download } from '../../api/download';
import { showError } from '../../app/feedback';
import { useI18n } from '../../app/i18n';

export function TemplateLink({ path, name }: { path: string; name: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <Button type="link" icon={<FileExcelOutlined />} loading={busy} style={{ paddingInline: 0 }}
      onClick={async () => { setBusy(true); try { await download(path, {}, name); } catch (e) { showError(e); } finally { setBusy(false); } }}>
      {t('import.template')}
    </Button>
  );
}
