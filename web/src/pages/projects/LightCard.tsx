// The project's traffic light against 序时进度, with every reason, and (for a red project) sending it to the 督查室.
import { useState } from 'react';
import { Button, Card, Descriptions, Input, Modal, Space } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { LightTag, money } from './tracking-shared';

export function LightCard({ projectId }: { projectId: string }) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['project', projectId, 'light'], queryFn: () => ok(api.GET('/api/v1/projects/{id}/light', { params: { path: { id: projectId } } })) });
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const refer = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/projects/{id}/referral', { params: { path: { id: projectId } }, body: note.trim() ? { note: note.trim() } : {} })),
    onSuccess: (p) => { setAsking(false); showSuccess(t('pt.light.referred', { serial: p.task.serial })); void qc.invalidateQueries({ queryKey: ['project', projectId] }); },
  });
  const l = q.data;
  return (
    <Card size="small" loading={q.isLoading} title={<Space>{t('pt.light.title')}{l && <LightTag light={l.light} />}</Space>}
      extra={l?.canRefer && <Button danger size="small" onClick={() => setAsking(true)} data-testid="refer">{t('pt.light.refer')}</Button>}>
      {l && (
        <>
          <Descriptions size="small" column={{ xs: 1, sm: 3 }} items={[
            { key: 'ts', label: t('pt.light.timeShare'), children: `${l.timeShare}%` },
            { key: 'rate', label: t('pt.light.rate'), children: l.completionRate === null ? '—' : `${l.completionRate}%（${money(l.yearCompleted, locale)} / ${money(l.yearPlanned, locale)}）` },
            { key: 'behind', label: t('pt.light.behind'), children: l.behind ?? '—' },
          ]} />
          <div style={{ marginTop: 8 }} data-testid="light-reasons"><strong>{t('pt.light.why')}：</strong>{l.reasons.map((r) => <div key={r.code}>· {r.message}</div>)}</div>
        </>
      )}
      <Modal open={asking} title={t('pt.light.refer')} onCancel={() => setAsking(false)} onOk={() => refer.mutate()} confirmLoading={refer.isPending}>
        <p>{t('pt.light.referConfirm')}</p>
        <Input.TextArea rows={3} maxLength={1000} placeholder={t('pt.light.referNote')} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </Card>
  );
}
