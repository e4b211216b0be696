// 月报 形象进度 photos (optional evidence, never required): thumbnails that open full size, a button that offers the
// phone's camera or album (accept="image/*"), and removal of one's own photo — after the month has closed, with a
// reason that the server keeps with the report's corrections. Before a month is filed, picked photos wait in the form
// (PendingPhotos) and go up once the report is saved.
import { useEffect, useMemo, useState } from 'react';
import { Button, Image, Input, Modal, Popconfirm, Space, Typography, Upload } from 'antd';
import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, ok } from '../../api/client';
import { ApiError } from '../../api/errors';
import { uploadFile } from '../../api/upload';
import { errorText, showError, showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { shrinkImage } from '../../lib/shrink-image';
import type { ProjectReport } from './tracking-shared';

export const MAX_PHOTOS = 9;
type Photo = ProjectReport['photos'][number];

export const photoUrl = (projectId: string, period: string, photoId: string) => `/api/v1/projects/${projectId}/reports/${period}/photos/${photoId}`;
const photosUrl = (projectId: string, period: string) => `/api/v1/projects/${projectId}/reports/${period}/photos`;

/** The message of a refused upload: the field's own message (type, size, nine at most) when there is one. */
const uploadError = (e: unknown) => (e instanceof ApiError && e.errors[0]?.message ? e.errors[0].message : errorText(e));

/** Uploads the files one by one, each shrunk first (lib/shrink-image: at most 1600 px, JPEG, when it is bigger than
 *  that or 1.5 MB); says how many went up and why any was refused. */
export async function uploadPhotos(projectId: string, period: string, files: File[]): Promise<number> {
  let done = 0;
  for (const f of files) {
    try { await uploadFile(photosUrl(projectId, period), await shrinkImage(f), () => {}); done++; } catch (e) { showError(new Error(`${f.name}：${uploadError(e)}`)); }
  }
  return done;
}

const thumb = { width: 72, height: 72, objectFit: 'cover' as const, borderRadius: 4, border: '1px solid #f0f0f0', background: '#fafafa' };

export function ReportPhotos({ projectId, period, photos, canAdd, closed, dueOn }: {
  projectId: string; period: string; photos: Photo[]; canAdd: boolean; closed: boolean; dueOn: string;
}) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<Photo | null>(null);
  const [reason, setReason] = useState('');
  const refresh = () => qc.invalidateQueries({ queryKey: ['project', projectId, 'reports'] });
  const add = async (files: File[]) => {
    setBusy(true);
    try {
      const n = await uploadPhotos(projectId, period, files.slice(0, MAX_PHOTOS - photos.length));
      if (n) showSuccess(t('pt.rep.photoAdded', { count: n }));
    } finally { setBusy(false); void refresh(); }
  };
  const remove = async (p: Photo, why?: string) => {
    try {
      await ok(api.DELETE('/api/v1/projects/{id}/reports/{period}/photos/{photoId}', { params: { path: { id: projectId, period, photoId: p.id }, query: why ? { reason: why } : {} } }));
      showSuccess(t('pt.rep.photoRemoved')); setRemoving(null); setReason('');
      void refresh();
    } catch (e) { showError(new Error(uploadError(e))); }
  };
  return (
    <div data-testid={`report-photos-${period}`}>
      <Image.PreviewGroup>
        <Space wrap size={8} align="start">
          {photos.map((p) => (
            <Space key={p.id} direction="vertical" size={2} style={{ width: 72 }}>
              <Image src={photoUrl(projectId, period, p.id)} alt={p.filename} style={thumb} width={72} height={72} loading="lazy"
                title={t('pt.rep.photoBy', { name: p.by ?? '', at: dayjs(p.uploadedAt).format('YYYY-MM-DD HH:mm') })} data-testid="report-photo" />
              {p.canRemove && (closed
                ? <Button size="small" type="link" danger icon={<DeleteOutlined />} onClick={() => setRemoving(p)}>{t('pt.rep.photoRemove')}</Button>
                : <Popconfirm title={t('pt.rep.photoRemoveConfirm')} onConfirm={() => remove(p)}>
                    <Button size="small" type="link" danger icon={<DeleteOutlined />} data-testid="report-photo-remove">{t('pt.rep.photoRemove')}</Button>
                  </Popconfirm>)}
            </Space>
          ))}
          {canAdd && photos.length < MAX_PHOTOS && (
            <Upload accept="image/*" multiple showUploadList={false} disabled={busy}
              beforeUpload={(_f, list) => { if (_f === list[0]) void add(list as File[]); return false; }}>
              <Button icon={<CameraOutlined />} loading={busy} style={{ height: 72 }} data-testid="report-photo-add">{t('pt.rep.addPhoto')}</Button>
            </Upload>
          )}
        </Space>
      </Image.PreviewGroup>
      <Modal open={!!removing} title={t('pt.rep.photoRemoveTitle')} okButtonProps={{ danger: true, disabled: !reason.trim() }} okText={t('pt.rep.photoRemove')}
        onOk={() => removing && remove(removing, reason.trim())} onCancel={() => { setRemoving(null); setReason(''); }} destroyOnHidden>
        <Typography.Paragraph>{t('pt.rep.photoRemoveClosed', { dueOn })}</Typography.Paragraph>
        <Input.TextArea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('pt.rep.reason')} data-testid="report-photo-reason" />
      </Modal>
    </div>
  );
}

/** Photos picked before the month is filed: shown at once, uploaded by the form after the report is saved. */
export function PendingPhotos({ files, onChange }: { files: File[]; onChange: (files: File[]) => void }) {
  const { t } = useI18n();
  const urls = useMemo(() => files.map((f) => URL.createObjectURL(f)), [files]);
  useEffect(() => () => urls.forEach((u) => URL.revokeObjectURL(u)), [urls]);
  return (
    <Space wrap size={8} align="start" data-testid="report-photos-pending">
      {files.map((f, i) => (
        <Space key={`${f.name}-${i}`} direction="vertical" size={2} style={{ width: 72 }}>
          <Image src={urls[i]} alt={f.name} style={thumb} width={72} height={72} />
          <Button size="small" type="link" danger icon={<DeleteOutlined />} onClick={() => onChange(files.filter((_, j) => j !== i))}>{t('pt.rep.photoRemove')}</Button>
        </Space>
      ))}
      {files.length < MAX_PHOTOS && (
        <Upload accept="image/*" multiple showUploadList={false}
          beforeUpload={(_f, list) => { if (_f === list[0]) onChange([...files, ...(list as File[])].slice(0, MAX_PHOTOS)); return false; }}>
          <Button icon={<CameraOutlined />} style={{ height: 72 }} data-testid="report-photo-add">{t('pt.rep.addPhoto')}</Button>
        </Upload>
      )}
    </Space>
  );
}
