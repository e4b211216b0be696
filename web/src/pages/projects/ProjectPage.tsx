// 项目页 (/projects/:id): the header (stage, leader, unit, next approval), and tabs — 概况 (facts, edit), 前期手续,
// 阶段 (history, move) — then the tracking tabs other files add (tracking-tabs.tsx: 挂图作战, 月报, 问题, 现场办公).
import { useState } from 'react';
import { Button, Card, Descriptions, Result, Space, Tabs, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, ok } from '../../api/client';
import { errorText } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { ApprovalsPanel } from './ApprovalsPanel';
import { NextApprovalText, StageTag, useProjectLabels, wan, type Project } from './library-shared';
import { ProjectForm } from './ProjectForm';
import { StageMoveModal, StagesPanel } from './StagesPanel';
import { trackingTabs } from './tracking-tabs';

function Facts({ p }: { p: Project }) {
  const { t, locale } = useI18n();
  const dash = (v: string | null | undefined) => v || '—';
  return (
    <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" bordered data-testid="project-facts" items={[
      { key: 'code', label: t('pj.code'), children: dash(p.projectCode) },
      { key: 'cat', label: t('pj.category'), children: p.category },
      { key: 'ind', label: t('pj.industry'), children: dash(p.industryCode) },
      { key: 'town', label: t('pj.township'), children: dash(p.townshipName) },
      { key: 'owner', label: t('pj.owner'), children: dash(p.ownerName) },
      { key: 'credit', label: t('pj.ownerCredit'), children: dash(p.ownerCreditCode) },
      { key: 'total', label: t('pj.total'), children: wan(p.totalInvestment, locale) },
      { key: 'plans', label: t('pj.plans'), span: 2, children: p.yearPlans.length ? p.yearPlans.map((y) => `${y.year}：${wan(y.plannedInvestment, locale)}`).join('；') : '—' },
      { key: 'ps', label: t('pj.plannedStart'), children: dash(p.plannedStart) },
      { key: 'as', label: t('pj.actualStart'), children: dash(p.actualStart) },
      { key: 'pc', label: t('pj.plannedCompletion'), children: dash(p.plannedCompletion) },
      { key: 'ac', label: t('pj.actualCompletion'), children: dash(p.actualCompletion) },
      { key: 'content', label: t('pj.content'), span: 3, children: <span style={{ whiteSpace: 'pre-wrap' }}>{dash(p.content)}</span> },
      { key: 'tf', label: t('pj.taskForce'), span: 3, children: <span style={{ whiteSpace: 'pre-wrap' }}>{dash(p.taskForce)}</span> },
      { key: 'plan', label: t('pj.plan'), span: 3, children: <span style={{ whiteSpace: 'pre-wrap' }}>{dash(p.planSummary)}</span> },
    ]} />
  );
}

export default function ProjectPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const L = useProjectLabels();
  const qc = useQueryClient();
  const [sp, setSp] = useSearchParams();
  const q = useQuery({ queryKey: ['projects', 'detail', id], queryFn: () => ok(api.GET('/api/v1/projects/{id}', { params: { path: { id } } })) });
  const [editing, setEditing] = useState(false);
  const [moving, setMoving] = useState(false);
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <Result status="warning" title={errorText(q.error)} extra={<Link to="/projects">{t('pl.title')}</Link>} />;
  const p = q.data;
  const reload = () => { void qc.invalidateQueries({ queryKey: ['projects'] }); };
  const tab = sp.get('tab') ?? 'facts';
  const tabs = [
    { key: 'facts', label: t('pj.tab.facts'), children: <Facts p={p} /> },
    { key: 'approvals', label: t('pj.tab.approvals'), children: <ApprovalsPanel project={p} /> },
    { key: 'stages', label: t('pj.tab.stages'), children: <StagesPanel project={p} onMove={() => setMoving(true)} /> },
    ...trackingTabs.map((x) => ({ key: x.key, label: x.label(t), children: x.render({ project: p, reload }) })),
  ];

  return (
    <>
      <PageHeader
        title={<span data-testid="project-title">{p.name}</span>}
        intro={<Space wrap size={[8, 4]}>
          <span>{p.serial}</span><StageTag stage={p.stage} /><Tag>{p.category}</Tag>
          <span>{t('pj.leader')}：{p.leaderName ?? t('pj.noLeader')}</span>
          <span>{t('pj.leadUnit')}：{p.leadUnitName}</span>
          <span>{t('pl.col.next')}：<NextApprovalText next={p.nextApproval} /></span>
        </Space>}
        extra={p.canEdit && <>
          <Button onClick={() => setEditing(true)} data-testid="project-edit">{t('pj.edit')}</Button>
          {p.allowedMoves.length > 0 && <Button type="primary" onClick={() => setMoving(true)} data-testid="project-move">{t('pj.move')}</Button>}
        </>} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>{t('pj.formula')} · {L.stage(p.stage)} {t('pj.since', { date: p.stageSince })}</Typography.Paragraph>
      <Card>
        <Tabs activeKey={tabs.some((x) => x.key === tab) ? tab : 'facts'} items={tabs} data-testid="project-tabs"
          onChange={(k) => { const n = new URLSearchParams(sp); if (k === 'facts') n.delete('tab'); else n.set('tab', k); setSp(n, { replace: true }); }} />
      </Card>
      {editing && <ProjectForm project={p} onClose={() => setEditing(false)} onSaved={() => { setEditing(false); reload(); }} />}
      {moving && <StageMoveModal project={p} onClose={() => setMoving(false)} onMoved={() => { setMoving(false); reload(); }} />}
    </>
  );
}
