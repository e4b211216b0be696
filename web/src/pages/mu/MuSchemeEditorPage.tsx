// 评价方案编辑: groups (scope, scoring method, indicators with weight, benchmark, cap, missing and non-positive rules,
// classes), exclusions, bonus/deduction items, the class rounding and tie rules. The server validates; each error
// shows at its field (weights not adding up at the group's indicator table, overlapping shares at the class).
// Saving a version a run used makes the next version; the office only — others read.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { DeleteOutlined, PlayCircleOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { ApiError } from '../../api/errors';
import { showError, showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { OPERANDS, SchemeStatusTag, STANDARD_INDICATORS, type GroupDef, type IndicatorDef, type SchemeDef } from './MuShared';
import { localDateTime } from '../../lib/date-time';

type Errors = Record<string, string>;

function newIndicator(): IndicatorDef {
  return { key: 'tax_per_mu', weight: 10, benchmark: { mode: 'fixed', value: 1 }, cap: null, missing: { mode: 'zero' }, nonPositive: 'zero' };
}
function newGroup(n: number): GroupDef {
  return {
    key: `group${n}`, name: '', method: 'ratio', scope: { aboveScale: null, minLandMu: null, minYearsProducing: null, industryPrefixes: [] },
    indicators: [{ ...newIndicator(), weight: 100 }], classes: { mode: 'share', A: 20, B: 60, C: 95 },
  };
}

export default function MuSchemeEditorPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const scheme = useQuery({ queryKey: ['mu', 'scheme', id], queryFn: () => ok(api.GET('/api/v1/mu/schemes/{id}', { params: { path: { id } } })) });
  const list = useQuery({ queryKey: ['mu', 'schemes'], queryFn: () => ok(api.GET('/api/v1/mu/schemes')) });
  const canManage = !!list.data?.canManage;
  const [def, setDef] = useState<SchemeDef | null>(null);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const latest = scheme.data ? scheme.data.versions[0]?.id === scheme.data.id : false;
  const editable = canManage && latest;

  useEffect(() => { if (scheme.data) { setDef(structuredClone(scheme.data.definition)); setName(scheme.data.name); setErrors({}); } }, [scheme.data]);

  const save = useMutation({
    meta: { quiet: true },
    mutationFn: () => ok(api.PUT('/api/v1/mu/schemes/{id}', { params: { path: { id } }, body: { version: scheme.data!.version, name, definition: def! } })),
    onSuccess: (s) => {
      setErrors({});
      void qc.invalidateQueries({ queryKey: ['mu'] });
      showSuccess(s.id !== id ? t('mu.scheme.newVersion', { version: s.version }) : t('saved'));
      if (s.id !== id) navigate(`/mu/schemes/${s.id}`, { replace: true });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.errors.length) {
        setErrors(Object.fromEntries(e.errors.map((x) => [x.field.replace(/^definition\//, ''), x.message])));
        showError(new Error(t('mu.scheme.fixErrors', { count: e.errors.length })));
      } else showError(e);
    },
  });
  const run = useMutation({
    meta: { quiet: true },
    mutationFn: () => ok(api.POST('/api/v1/mu/runs', { body: { schemeId: id } })),
    onSuccess: (r) => { void qc.invalidateQueries({ queryKey: ['mu'] }); showSuccess(t('mu.run.done', { count: r.evaluatedCount })); navigate(`/mu/runs/${r.id}`); },
    onError: (e) => {
      if (e instanceof ApiError && e.errors.length) setErrors(Object.fromEntries(e.errors.map((x) => [x.field.replace(/^definition\//, ''), x.message])));
      showError(e);
    },
  });

  const dirty = useMemo(() => !!scheme.data && !!def && (JSON.stringify(def) !== JSON.stringify(scheme.data.definition) || name !== scheme.data.name), [def, name, scheme.data]);
  if (!scheme.data || !def) return <PageLoading />;
  const s = scheme.data;
  const update = (fn: (d: SchemeDef) => void) => setDef((d) => { const n = structuredClone(d!); fn(n); return n; });
  const err = (path: string): { validateStatus?: 'error'; help?: ReactNode } => (errors[path] ? { validateStatus: 'error', help: errors[path] } : {});
  const indicatorLabel = (k: string) => (STANDARD_INDICATORS as readonly string[]).includes(k) ? t(`mu.ind.${k}` as never) : k;
  const fieldOptions = OPERANDS.map((f) => ({ value: f, label: t(`mu.field.${f}` as never) }));
  const classKeys = ['A', 'B', 'C'] as const;
  const general = Object.entries(errors).filter(([k]) => !/^(groups|exclusions|adjustments)\//.test(k));

  return (
    <>
      <PageHeader
        title={<Space wrap>{s.year} · {s.name}<Tag>v{s.version}</Tag><SchemeStatusTag status={s.status} /></Space>}
        intro={t('mu.editor.intro')}
        extra={<>
          <Select value={s.id} style={{ width: 170 }} aria-label={t('mu.scheme.version')} onChange={(v) => navigate(`/mu/schemes/${v}`)}
            options={s.versions.map((v) => ({ value: v.id, label: `v${v.version} · ${t(`mu.scheme.status.${v.status}`)}` }))} />
          {editable && <Button icon={<SaveOutlined />} type="primary" loading={save.isPending} disabled={!dirty} onClick={() => save.mutate()} data-testid="scheme-save">
            {s.status === 'draft' ? t('action.save') : t('mu.scheme.saveNewVersion')}
          </Button>}
          {editable && <Button icon={<PlayCircleOutlined />} loading={run.isPending} disabled={dirty || s.status === 'retired'} onClick={() => run.mutate()} data-testid="scheme-run">{t('mu.scheme.run')}</Button>}
        </>}
      />
      {!latest && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('mu.editor.oldVersion')} />}
      {editable && s.status !== 'draft' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('mu.editor.activeHint')} />}
      {general.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={general.map(([k, v]) => `${k}: ${v}`).join('；')} />}
      <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Card size="small" title={t('mu.editor.basic')} style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            <Col xs={24} md={12}><Form.Item label={t('mu.scheme.name')} layout="vertical"><Input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item label={t('mu.editor.rounding')} layout="vertical">
              <Select value={def.rounding} onChange={(v) => update((d) => { d.rounding = v; })} disabled={!editable}
                options={(['round', 'floor', 'ceil'] as const).map((v) => ({ value: v, label: t(`mu.rounding.${v}`) }))} />
            </Form.Item></Col>
            <Col xs={12} md={6}><Form.Item label={t('mu.editor.ties')} layout="vertical">
              <Select value={def.ties} onChange={(v) => update((d) => { d.ties = v; })} disabled={!editable}
                options={(['better', 'worse'] as const).map((v) => ({ value: v, label: t(`mu.ties.${v}`) }))} />
            </Form.Item></Col>
          </Row>
          <Row gutter={12}>
            {(['A', 'B', 'C', 'D'] as const).map((c) => (
              <Col xs={12} md={6} key={c}><Form.Item label={t('mu.editor.classLabel', { cls: c })} layout="vertical">
                <Input value={def.classLabels[c]} maxLength={20} onChange={(e) => update((d) => { d.classLabels[c] = e.target.value; })} />
              </Form.Item></Col>
            ))}
          </Row>
        </Card>

        {def.groups.map((g, gi) => {
          const gp = `groups/${gi}`;
          const sum = g.indicators.reduce((a, i) => a + (Number(i.weight) || 0), 0);
          return (
            <Card key={gi} size="small" style={{ marginBottom: 12 }} data-testid={`group-${gi}`}
              title={<Space wrap>{t('mu.editor.group')} {gi + 1}<Typography.Text strong>{g.name}</Typography.Text></Space>}
              extra={editable && def.groups.length > 1 && <Button size="small" danger icon={<DeleteOutlined />} onClick={() => update((d) => { d.groups.splice(gi, 1); })}>{t('action.delete')}</Button>}>
              <Row gutter={12}>
                <Col xs={12} md={4}><Form.Item label={t('mu.editor.key')} layout="vertical" {...err(`${gp}/key`)}><Input value={g.key} onChange={(e) => update((d) => { d.groups[gi]!.key = e.target.value; })} /></Form.Item></Col>
                <Col xs={12} md={8}><Form.Item label={t('mu.editor.groupName')} layout="vertical" {...err(`${gp}/name`)}><Input value={g.name} onChange={(e) => update((d) => { d.groups[gi]!.name = e.target.value; })} /></Form.Item></Col>
                <Col xs={12} md={4}><Form.Item label={t('mu.editor.aboveScale')} layout="vertical">
                  <Select value={g.scope.aboveScale === null ? 'any' : g.scope.aboveScale ? 'above' : 'below'} disabled={!editable}
                    onChange={(v) => update((d) => { d.groups[gi]!.scope.aboveScale = v === 'any' ? null : v === 'above'; })}
                    options={[{ value: 'above', label: t('mu.editor.above') }, { value: 'below', label: t('mu.editor.below') }, { value: 'any', label: t('action.all') }]} />
                </Form.Item></Col>
                <Col xs={12} md={4}><Form.Item label={t('mu.editor.minLand')} layout="vertical" {...err(`${gp}/scope/minLandMu`)}>
                  <InputNumber value={g.scope.minLandMu} min={0} style={{ width: '100%' }} onChange={(v) => update((d) => { d.groups[gi]!.scope.minLandMu = v ?? null; })} />
                </Form.Item></Col>
                <Col xs={12} md={4}><Form.Item label={t('mu.editor.minYears')} layout="vertical" {...err(`${gp}/scope/minYearsProducing`)}>
                  <InputNumber value={g.scope.minYearsProducing} min={0} style={{ width: '100%' }} onChange={(v) => update((d) => { d.groups[gi]!.scope.minYearsProducing = v ?? null; })} />
                </Form.Item></Col>
                <Col xs={12} md={8}><Form.Item label={t('mu.editor.industries')} layout="vertical">
                  <Select mode="tags" value={g.scope.industryPrefixes} disabled={!editable} placeholder={t('mu.editor.industriesHint')} tokenSeparators={[',', '，', ' ']}
                    onChange={(v) => update((d) => { d.groups[gi]!.scope.industryPrefixes = v.map((x: string) => x.toUpperCase()); })} />
                </Form.Item></Col>
                <Col xs={12} md={4}><Form.Item label={t('mu.editor.method')} layout="vertical">
                  <Select value={g.method} disabled={!editable} onChange={(v) => update((d) => { d.groups[gi]!.method = v; })}
                    options={(['ratio', 'minmax'] as const).map((m) => ({ value: m, label: t(`mu.method.${m}`) }))} />
                </Form.Item></Col>
                <Col xs={12} md={4}><Form.Item label={t('mu.editor.classMode')} layout="vertical">
                  <Select value={g.classes.mode} disabled={!editable} onChange={(v) => update((d) => { d.groups[gi]!.classes = v === 'share' ? { mode: 'share', A: 20, B: 60, C: 95 } : { mode: 'cutoff', A: 85, B: 70, C: 60 }; })}
                    options={[{ value: 'share', label: t('mu.classMode.share') }, { value: 'cutoff', label: t('mu.classMode.cutoff') }]} />
                </Form.Item></Col>
                {classKeys.map((c) => (
                  <Col xs={8} md={4} key={c}><Form.Item label={g.classes.mode === 'share' ? t('mu.editor.shareTo', { cls: c }) : t('mu.editor.cutoff', { cls: c })} layout="vertical" {...err(`${gp}/classes/${c}`)}>
                    <InputNumber value={g.classes[c]} style={{ width: '100%' }} addonAfter={g.classes.mode === 'share' ? '%' : t('mu.points')} data-testid={`group-${gi}-class-${c}`}
                      onChange={(v) => update((d) => { d.groups[gi]!.classes[c] = v ?? 0; })} />
                  </Form.Item></Col>
                ))}
              </Row>
              <Form.Item layout="vertical" {...err(`${gp}/indicators`)} style={{ marginBottom: 4 }}
                label={<Space>{t('mu.editor.indicators')}<Tag color={Math.abs(sum - 100) < 1e-9 ? 'green' : 'red'} data-testid={`group-${gi}-weights`}>{t('mu.editor.weightSum', { sum })}</Tag></Space>}>
                <Table<IndicatorDef> size="small" rowKey={(_, i) => String(i)} pagination={false} dataSource={g.indicators} scroll={{ x: 1100 }}
                  columns={[
                    {
                      title: t('mu.editor.indicator'), width: 220, render: (_, ind, ii) => {
                        const custom = !(STANDARD_INDICATORS as readonly string[]).includes(ind.key);
                        const ip = `${gp}/indicators/${ii}`;
                        return (
                          <Space direction="vertical" size={4} style={{ width: '100%' }}>
                            <Select value={custom ? '__custom' : ind.key} style={{ width: '100%' }} disabled={!editable}
                              onChange={(v) => update((d) => { const x = d.groups[gi]!.indicators[ii]!; if (v === '__custom') { x.key = `custom${ii + 1}`; x.name = ''; x.numerator = 'tax'; x.denominator = 'employees'; } else { x.key = v; x.name = null; x.numerator = null; x.denominator = null; } })}
                              options={[...STANDARD_INDICATORS.map((k) => ({ value: k, label: indicatorLabel(k) })), { value: '__custom', label: t('mu.editor.custom') }]} />
                            {custom && <>
                              <Input size="small" placeholder={t('mu.editor.customName')} value={ind.name ?? ''} status={errors[`${ip}/name`] ? 'error' : undefined} onChange={(e) => update((d) => { d.groups[gi]!.indicators[ii]!.name = e.target.value; })} />
                              <Space.Compact style={{ width: '100%' }}>
                                <Select size="small" value={ind.numerator ?? undefined} options={fieldOptions} style={{ width: '50%' }} disabled={!editable} onChange={(v) => update((d) => { d.groups[gi]!.indicators[ii]!.numerator = v; })} />
                                <Select size="small" value={ind.denominator ?? undefined} options={fieldOptions} style={{ width: '50%' }} disabled={!editable} onChange={(v) => update((d) => { d.groups[gi]!.indicators[ii]!.denominator = v; })} />
                              </Space.Compact>
                            </>}
                            {[`${ip}/key`, `${ip}/name`, `${ip}/numerator`, `${ip}/denominator`].filter((k) => errors[k]).map((k) => <Typography.Text key={k} type="danger" style={{ fontSize: 12 }}>{errors[k]}</Typography.Text>)}
                          </Space>
                        );
                      },
                    },
                    {
                      title: t('mu.editor.weight'), width: 90, render: (_, ind, ii) => (
                        <FieldCell error={errors[`${gp}/indicators/${ii}/weight`]}>
                          <InputNumber size="small" value={ind.weight} min={0} style={{ width: 70 }} data-testid={`group-${gi}-weight-${ii}`} onChange={(v) => update((d) => { d.groups[gi]!.indicators[ii]!.weight = v ?? 0; })} />
                        </FieldCell>
                      ),
                    },
                    {
                      title: t('mu.editor.benchmark'), width: 230, render: (_, ind, ii) => g.method === 'minmax' ? <Typography.Text type="secondary">{t('mu.editor.minmaxNoBenchmark')}</Typography.Text> : (
                        <FieldCell error={errors[`${gp}/indicators/${ii}/benchmark/value`] ?? errors[`${gp}/indicators/${ii}/benchmark/multiple`] ?? errors[`${gp}/indicators/${ii}/benchmark`]}>
                          <Space.Compact>
                            <Select size="small" value={ind.benchmark.mode} style={{ width: 120 }} disabled={!editable}
                              onChange={(v) => update((d) => { const b = d.groups[gi]!.indicators[ii]!; b.benchmark = v === 'fixed' ? { mode: 'fixed', value: 1 } : v === 'lastYear' ? { mode: 'lastYear', multiple: 1 } : { mode: v }; })}
                              options={(['fixed', 'groupRatio', 'mean', 'lastYear'] as const).map((m) => ({ value: m, label: t(`mu.bench.${m}`) }))} />
                            {ind.benchmark.mode === 'fixed' && <InputNumber size="small" value={ind.benchmark.value ?? null} style={{ width: 100 }} onChange={(v) => update((d) => { d.groups[gi]!.indicators[ii]!.benchmark.value = v; })} />}
                            {ind.benchmark.mode === 'lastYear' && <InputNumber size="small" value={ind.benchmark.multiple ?? null} style={{ width: 100 }} addonAfter="×" onChange={(v) => update((d) => { d.groups[gi]!.indicators[ii]!.benchmark.multiple = v; })} />}
                          </Space.Compact>
                        </FieldCell>
                      ),
                    },
                    {
                      title: t('mu.editor.cap'), width: 110, render: (_, ind, ii) => (
                        <FieldCell error={errors[`${gp}/indicators/${ii}/cap`]}>
                          <InputNumber size="small" value={ind.cap} min={1} step={0.1} style={{ width: 90 }} placeholder={t('mu.editor.noCap')} addonAfter="×" onChange={(v) => update((d) => { d.groups[gi]!.indicators[ii]!.cap = v ?? null; })} />
                        </FieldCell>
                      ),
                    },
                    {
                      title: t('mu.editor.missing'), width: 210, render: (_, ind, ii) => (
                        <FieldCell error={errors[`${gp}/indicators/${ii}/missing/points`]}>
                          <Space.Compact>
                            <Select size="small" value={ind.missing.mode} style={{ width: 120 }} disabled={!editable}
                              onChange={(v) => update((d) => { d.groups[gi]!.indicators[ii]!.missing = v === 'deduct' ? { mode: 'deduct', points: 5 } : { mode: v }; })}
                              options={(['zero', 'groupAverage', 'deduct'] as const).map((m) => ({ value: m, label: t(`mu.missing.${m}`) }))} />
                            {ind.missing.mode === 'deduct' && <InputNumber size="small" value={ind.missing.points ?? null} min={0} style={{ width: 80 }} onChange={(v) => update((d) => { d.groups[gi]!.indicators[ii]!.missing.points = v; })} />}
                          </Space.Compact>
                        </FieldCell>
                      ),
                    },
                    {
                      title: t('mu.editor.nonPositive'), width: 130, render: (_, ind, ii) => (
                        <Select size="small" value={ind.nonPositive} style={{ width: 120 }} disabled={!editable} onChange={(v) => update((d) => { d.groups[gi]!.indicators[ii]!.nonPositive = v; })}
                          options={(['zero', 'proportional'] as const).map((m) => ({ value: m, label: t(`mu.nonPositive.${m}`) }))} />
                      ),
                    },
                    {
                      title: '', width: 50, render: (_, __, ii) => editable && g.indicators.length > 1 && (
                        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('action.delete')} onClick={() => update((d) => { d.groups[gi]!.indicators.splice(ii, 1); })} />
                      ),
                    },
                  ]}
                />
              </Form.Item>
              {editable && <Button size="small" icon={<PlusOutlined />} onClick={() => update((d) => { d.groups[gi]!.indicators.push(newIndicator()); })}>{t('mu.editor.addIndicator')}</Button>}
            </Card>
          );
        })}
        {editable && <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => update((d) => { d.groups.push(newGroup(d.groups.length + 1)); })}>{t('mu.editor.addGroup')}</Button>}
        {errors.groups && <Alert type="error" showIcon message={errors.groups} style={{ marginBottom: 12 }} />}

        <Card size="small" title={t('mu.editor.exclusions')} style={{ marginBottom: 12 }}>
          {def.exclusions.map((x, xi) => (
            <Row gutter={8} key={xi} align="top">
              <Col xs={24} md={8}><Form.Item layout="vertical" label={t('mu.editor.reason')} {...err(`exclusions/${xi}/reason`)}><Input value={x.reason} onChange={(e) => update((d) => { d.exclusions[xi]!.reason = e.target.value; })} /></Form.Item></Col>
              <Col xs={12} md={7}><Form.Item layout="vertical" label={t('mu.editor.industries')} {...err(`exclusions/${xi}`)}>
                <Select mode="tags" value={x.industryPrefixes} disabled={!editable} tokenSeparators={[',', '，', ' ']} onChange={(v) => update((d) => { d.exclusions[xi]!.industryPrefixes = v.map((s: string) => s.toUpperCase()); })} />
              </Form.Item></Col>
              <Col xs={8} md={5}><Form.Item layout="vertical" label={t('mu.editor.yearsBelow')}>
                <InputNumber value={x.producingYearsBelow} min={0} style={{ width: '100%' }} onChange={(v) => update((d) => { d.exclusions[xi]!.producingYearsBelow = v ?? null; })} />
              </Form.Item></Col>
              <Col xs={4} md={2} style={{ paddingTop: 30 }}>{editable && <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('action.delete')} onClick={() => update((d) => { d.exclusions.splice(xi, 1); })} />}</Col>
            </Row>
          ))}
          {editable && <Button size="small" icon={<PlusOutlined />} onClick={() => update((d) => { d.exclusions.push({ key: `ex${d.exclusions.length + 1}${Date.now() % 1000}`, reason: '', industryPrefixes: [], producingYearsBelow: null, creditCodes: [] }); })}>{t('mu.editor.addExclusion')}</Button>}
        </Card>

        <Card size="small" title={t('mu.editor.adjustments')} style={{ marginBottom: 12 }}>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('mu.editor.adjustmentsHint')}</Typography.Paragraph>
          {def.adjustments.map((a, ai) => {
            const ap = `adjustments/${ai}`;
            return (
              <Row gutter={8} key={ai} align="top">
                <Col xs={24} md={6}><Form.Item layout="vertical" label={t('mu.editor.itemName')} {...err(`${ap}/name`)}><Input value={a.name} onChange={(e) => update((d) => { d.adjustments[ai]!.name = e.target.value; })} /></Form.Item></Col>
                <Col xs={12} md={3}><Form.Item layout="vertical" label={t('mu.editor.key')} {...err(`${ap}/key`)}><Input value={a.key} onChange={(e) => update((d) => { d.adjustments[ai]!.key = e.target.value; })} /></Form.Item></Col>
                <Col xs={12} md={3}><Form.Item layout="vertical" label={t('mu.editor.source')}>
                  <Select value={a.source} disabled={!editable} onChange={(v) => update((d) => { d.adjustments[ai]!.source = v; })} options={[{ value: 'input', label: t('mu.source.input') }, { value: 'tenants', label: t('mu.source.tenants') }]} />
                </Form.Item></Col>
                <Col xs={8} md={3}><Form.Item layout="vertical" label={t('mu.editor.forceClass')}>
                  <Select<'' | 'A' | 'B' | 'C' | 'D'> value={a.forceClass ?? ''} disabled={!editable} onChange={(v) => update((d) => { d.adjustments[ai]!.forceClass = v === '' ? null : v; })}
                    options={[{ value: '', label: t('mu.editor.noForce') }, ...(['A', 'B', 'C', 'D'] as const).map((c) => ({ value: c, label: t('mu.editor.forceTo', { cls: c }) }))]} />
                </Form.Item></Col>
                {!a.forceClass && <>
                  <Col xs={8} md={2}><Form.Item layout="vertical" label={t('mu.editor.pointsEach')} {...err(`${ap}/points`)}><InputNumber value={a.points} style={{ width: '100%' }} onChange={(v) => update((d) => { d.adjustments[ai]!.points = v ?? 0; })} /></Form.Item></Col>
                  <Col xs={8} md={2}><Form.Item layout="vertical" label={t('mu.editor.firstPoints')}><InputNumber value={a.firstPoints} style={{ width: '100%' }} onChange={(v) => update((d) => { d.adjustments[ai]!.firstPoints = v ?? null; })} /></Form.Item></Col>
                  <Col xs={8} md={2}><Form.Item layout="vertical" label={t('mu.editor.freeUnits')} {...err(`${ap}/freeUnits`)}><InputNumber value={a.freeUnits} min={0} style={{ width: '100%' }} onChange={(v) => update((d) => { d.adjustments[ai]!.freeUnits = v ?? 0; })} /></Form.Item></Col>
                </>}
                <Col xs={4} md={1} style={{ paddingTop: 30 }}>{editable && <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('action.delete')} onClick={() => update((d) => { d.adjustments.splice(ai, 1); })} />}</Col>
              </Row>
            );
          })}
          {editable && <Button size="small" icon={<PlusOutlined />} onClick={() => update((d) => { d.adjustments.push({ key: `item${d.adjustments.length + 1}`, name: '', source: 'input', points: 0, firstPoints: null, freeUnits: 0, forceClass: null, groups: [] }); })}>{t('mu.editor.addAdjustment')}</Button>}
        </Card>
      </fieldset>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('mu.editor.savedAt', { time: localDateTime(s.updatedAt), runs: s.runCount })}
      </Typography.Paragraph>
    </>
  );
}

function FieldCell({ error, children }: { error?: string; children: ReactNode }) {
  return (
    <div>
      {children}
      {error && <div><Typography.Text type="danger" style={{ fontSize: 12 }}>{error}</Typography.Text></div>}
    </div>
  );
}
