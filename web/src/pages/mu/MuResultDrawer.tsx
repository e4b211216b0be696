// An enterprise's result explained: each indicator's value, benchmark and points with the reason in words, bonuses
// and deductions, total, rank and class and why; the 体检报告 (.docx). On a draft run the 亩均 office enters the
// enterprise's bonus/deduction items here (they count at the next re-run).
import { useState } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Grid, InputNumber, List, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { download } from '../../api/download';
import { showError, showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { ClassTag } from './MuPoliciesShared';
import { num, type ResultDetail } from './MuShared';

export function MuResultDrawer({ runId, enterpriseId, canManage, year, onClose }: { runId: string; enterpriseId: string; canManage: boolean; year: number; onClose: () => void }) {
  const { t, locale } = useI18n();
  const screens = Grid.useBreakpoint();
  const zh = locale === 'zh-CN';
  const q = useQuery({
    queryKey: ['mu', 'run', runId, 'result', enterpriseId],
    queryFn: () => ok(api.GET('/api/v1/mu/runs/{id}/results/{enterpriseId}', { params: { path: { id: runId, enterpriseId } } })),
  });
  const [downloading, setDownloading] = useState(false);
  const d: ResultDetail | undefined = q.data;
  const x = d?.row;

  return (
    <Drawer open onClose={onClose} width={screens.md ? 720 : '100%'} title={x ? x.name : t('mu.result.explain')} data-testid="result-drawer"
      extra={x && (
        <Button icon={<DownloadOutlined />} loading={downloading} data-testid="report-card"
          onClick={async () => { setDownloading(true); try { await download(`/api/v1/mu/runs/${runId}/results/${enterpriseId}/report`, {}, `${x.name}.docx`); } catch (e) { showError(e); } finally { setDownloading(false); } }}>
          {t('mu.result.reportCard')}
        </Button>
      )}>
      {d && x && (
        <>
          <Descriptions size="small" column={screens.md ? 2 : 1} bordered style={{ marginBottom: 16 }} items={[
            { key: 'code', label: t('mu.result.creditCode'), children: x.creditCode },
            { key: 'group', label: t('mu.result.group'), children: x.groupName },
            { key: 'township', label: t('mu.result.township'), children: x.townshipName ?? '—' },
            { key: 'land', label: t('mu.result.land'), children: `${num(d.land, locale)} ${t('mu.unit.mu')}` },
          ]} />
          {!x.evaluated ? (
            <Alert type="info" showIcon message={t('mu.result.notEvaluated')} description={x.exclusionReason} />
          ) : (
            <>
              <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap', alignItems: 'baseline', marginBottom: 12 }} data-testid="result-summary">
                <div><Typography.Text type="secondary">{t('mu.result.total')}</Typography.Text><div style={{ fontSize: 28, fontWeight: 700 }}>{num(x.total, locale, 2)}</div></div>
                <div><Typography.Text type="secondary">{t('mu.result.rank')}</Typography.Text><div style={{ fontSize: 22, fontWeight: 600 }}>{x.rank} / {d.groupSize}</div></div>
                <div><Typography.Text type="secondary">{t('mu.result.class')}</Typography.Text><div style={{ fontSize: 22 }}><ClassTag cls={x.class} /> {d.classLabel}</div></div>
              </div>
              {d.classWhy && <Alert type={x.forcedReason ? 'error' : 'info'} style={{ marginBottom: 12 }} message={zh ? d.classWhy.zh : d.classWhy.en} />}
              <Typography.Title level={5}>{t('mu.result.items')}</Typography.Title>
              <List size="small" bordered dataSource={d.items} style={{ marginBottom: 12 }} renderItem={(i) => (
                <List.Item data-testid="result-item">
                  <div style={{ width: '100%' }}>
                    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                      <strong>{zh ? i.name : i.nameEn}</strong>
                      <span><strong>{num(i.points, locale, 1)}</strong> / {i.weight} {i.capped && <Tag color="gold">{t('mu.result.capped')}</Tag>}{i.missing && <Tag color="orange">{t('mu.result.missing')}</Tag>}</span>
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>{zh ? i.why.zh : i.why.en}</Typography.Text>
                  </div>
                </List.Item>
              )} />
              <Typography.Title level={5}>{t('mu.result.adjustments')}</Typography.Title>
              {d.adjustments.length ? (
                <Table size="small" pagination={false} rowKey="key" dataSource={d.adjustments} style={{ marginBottom: 12 }} columns={[
                  { key: 'n', title: t('mu.editor.itemName'), dataIndex: 'name' },
                  { key: 'q', title: t('mu.result.quantity'), dataIndex: 'quantity', width: 70, align: 'right' },
                  { key: 'p', title: t('mu.points'), width: 140, align: 'right', render: (_, a) => (a.forceClass ? t('mu.editor.forceTo', { cls: a.forceClass }) : `${a.points > 0 ? '+' : ''}${num(a.points, locale, 1)}`) },
                ]} />
              ) : <Typography.Paragraph type="secondary">{t('mu.result.noAdjustments')}</Typography.Paragraph>}
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('mu.result.sum', { items: num(d.indicatorPoints, locale, 2), adj: num(d.adjustmentPoints, locale, 2), total: num(x.total, locale, 2) })}
              </Typography.Paragraph>
              {d.ruleText && <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{zh ? d.ruleText.zh : d.ruleText.en}</Typography.Paragraph>}
            </>
          )}
          {canManage && <AdjustmentEditor year={year} enterpriseId={enterpriseId} />}
        </>
      )}
    </Drawer>
  );
}

/** One enterprise's inputs of a year, item by item (also on the 加减分事项 page). */
export function AdjustmentEditor({ year, enterpriseId }: { year: number; enterpriseId: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['mu', 'adjustments', year], queryFn: () => ok(api.GET('/api/v1/mu/adjustments', { params: { query: { year } } })) });
  const [edits, setEdits] = useState<Record<string, number | null>>({});
  const put = useMutation({
    meta: { quiet: true },
    mutationFn: (v: { itemKey: string; quantity: number }) => ok(api.PUT('/api/v1/mu/adjustments', { body: { year, enterpriseId, ...v } })),
    onSuccess: () => { showSuccess(t('mu.adjust.saved')); void qc.invalidateQueries({ queryKey: ['mu', 'adjustments', year] }); },
    onError: showError,
  });
  if (!list.data) return null;
  const current = (key: string) => list.data.items.find((a) => a.enterpriseId === enterpriseId && a.itemKey === key)?.quantity ?? 0;
  return (
    <div style={{ marginTop: 16, padding: 12, background: '#fafafa', borderRadius: 6 }} data-testid="adjust-editor">
      <Typography.Title level={5} style={{ marginTop: 0 }}>{t('mu.adjust.title', { year })}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('mu.adjust.hint')}</Typography.Paragraph>
      {list.data.inputItems.map((it) => (
        <Space key={it.key} style={{ display: 'flex', marginBottom: 8 }} wrap>
          <span style={{ minWidth: 200, display: 'inline-block' }}>{it.name}{it.forceClass ? `（${t('mu.editor.forceTo', { cls: it.forceClass })}）` : `（${it.points > 0 ? '+' : ''}${it.points}）`}</span>
          <InputNumber min={0} max={1000} value={edits[it.key] ?? current(it.key)} onChange={(v) => setEdits((e) => ({ ...e, [it.key]: v }))} style={{ width: 90 }} aria-label={it.name} />
          <Button size="small" loading={put.isPending && put.variables?.itemKey === it.key} disabled={(edits[it.key] ?? current(it.key)) === current(it.key)}
            onClick={() => put.mutate({ itemKey: it.key, quantity: edits[it.key] ?? 0 })}>{t('action.save')}</Button>
        </Space>
      ))}
    </div>
  );
}
