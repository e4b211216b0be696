// Excel import in two passes: upload for a check (nothing saved; every bad row listed), then 确认导入 posts the same
// file again with ?commit=true (all rows or none). Upload progress from XMLHttpRequest.
import { useState, type ReactNode } from 'react';
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Progress, Steps, Upload } from 'antd';
import { uploadFile } from '../../api/upload';
import { ApiError } from '../../api/errors';
import { errorText } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { ImportSummary, RowErrors, type RowError } from './ImportResult';
import { TemplateLink } from './TemplateLink';

export interface ImportResultBase { committed: boolean; total: number; created: number; updated: number; errors: RowError[] }
type Phase = 'choose' | 'uploading' | 'preview' | 'committing' | 'done';

interface Props<R extends ImportResultBase> {
  open: boolean;
  onClose: () => void;
  title: string;
  endpoint: string;
  /** The list's export: a sheet with the same headers, to fill in. */
  template: { path: string; name: string };
  columnsHint: string;
  onImported: (r: R) => void;
  renderDone?: (r: R) => ReactNode;
  /** What the checked file would change, shown in the preview (e.g. the changes an import would make). */
  renderPreview?: (r: R) => ReactNode;
}

export function ImportDialog<R extends ImportResultBase>({ open, onClose, title, endpoint, template, columnsHint, onImported, renderDone, renderPreview }: Props<R>) {
  const { t } = useI18n();
  const [phase, setPhase] = useState<Phase>('choose');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState(0);
  const [result, setResult] = useState<R | null>(null);
  const [failure, setFailure] = useState<{ text: string; rows: RowError[] } | null>(null);

  const reset = () => { setPhase('choose'); setFile(null); setProgress(0); setResult(null); setFailure(null); };
  const close = () => { if (phase === 'uploading' || phase === 'committing') return; reset(); onClose(); };

  const send = async (f: File, commit: boolean) => {
    setFailure(null); setProgress(0); setPhase(commit ? 'committing' : 'uploading');
    try {
      const r = await uploadFile<R>(`${endpoint}${commit ? `${endpoint.includes('?') ? '&' : '?'}commit=true` : ''}`, f, setProgress);
      setResult(r);
      setPhase(commit && r.committed ? 'done' : 'preview');
      if (commit && r.committed) onImported(r);
    } catch (e) {
      const rows = e instanceof ApiError ? e.errors.filter((x) => x.row !== undefined).map((x) => ({ row: x.row!, field: x.field, code: x.code, message: x.message })) : [];
      setFailure({ text: errorText(e), rows });
      setPhase(commit ? 'preview' : 'choose');
      if (!commit) setFile(null);
    }
  };

  const pick = (f: File) => {
    if (!/\.xlsx$/i.test(f.name)) { setFailure({ text: t('import.onlyXlsx'), rows: [] }); return false; }
    setFile(f);
    void send(f, false);
    return false;
  };

  const bad = (result?.errors.length ?? 0) > 0;
  const step = phase === 'choose' || phase === 'uploading' ? 0 : phase === 'done' ? 2 : 1;
  const footer = [
    phase === 'preview' && <Button key="again" onClick={reset}>{t('import.again')}</Button>,
    phase === 'done'
      ? <Button key="close" type="primary" onClick={close}>{t('action.close')}</Button>
      : <Button key="cancel" onClick={close} disabled={phase === 'uploading' || phase === 'committing'}>{t('action.cancel')}</Button>,
    (phase === 'preview' || phase === 'committing') && !bad && (
      <Button key="commit" type="primary" loading={phase === 'committing'} onClick={() => file && void send(file, true)} data-testid="import-commit">{t('import.commit')}</Button>
    ),
  ].filter(Boolean);

  return (
    <Modal open={open} title={title} onCancel={close} footer={footer} width={720} destroyOnHidden mask={{ closable: false }}>
      <Steps size="small" current={step} style={{ margin: '8px 0 20px' }}
        items={[{ title: t('import.choose') }, { title: t('import.preview') }, { title: t('import.done') }]} />
      {failure && <Alert type="error" showIcon title={failure.text} style={{ marginBottom: 12 }} />}
      {failure && failure.rows.length > 0 && <RowErrors rows={failure.rows} />}
      {phase === 'choose' && (
        <>
          <Upload.Dragger accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" multiple={false}
            showUploadList={false} beforeUpload={pick} data-testid="import-upload">
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t('import.drag')}</p>
            <p className="ant-upload-hint">{t('import.dragHint')}</p>
          </Upload.Dragger>
          <p style={{ color: '#646a73', fontSize: 13, margin: '12px 0 4px' }}>{columnsHint}</p>
          <TemplateLink {...template} />
        </>
      )}
      {(phase === 'uploading' || phase === 'committing') && (
        <div style={{ padding: '16px 0' }}>
          <div style={{ marginBottom: 8 }}>{t(phase === 'uploading' ? 'import.uploading' : 'import.committing')} {file?.name}</div>
          <Progress percent={progress} status="active" />
        </div>
      )}
      {(phase === 'preview' || phase === 'done') && result && (
        <>
          <ImportSummary result={result} done={phase === 'done'} />
          {phase === 'preview' && !bad && <Alert type="success" showIcon title={t('import.ok')} />}
          {phase === 'preview' && renderPreview?.(result)}
          {phase === 'preview' && bad && (
            <>
              <Alert type="error" showIcon title={t('import.errors', { count: result.errors.length })} style={{ marginBottom: 12 }} />
              <RowErrors rows={result.errors} />
            </>
          )}
          {phase === 'done' && <Alert type="success" showIcon title={t('import.success')} style={{ marginBottom: 12 }} />}
          {phase === 'done' && renderDone?.(result)}
        </>
      )}
    </Modal>
  );
}
