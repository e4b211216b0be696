// 系统设置: every parameter the server has, grouped by area (security, task rules, assessment, documents …).
// Known parameters have a name and a note; any new one appears under its area with an editor for its type. Unit
// lists (the 亩均 office, the project library units) are picked by unit name.
import { Alert, Button, Card, Form } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { Settings } from '../../api/types';
import { useAccess } from '../../access';
import { reportFormError, showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import zhText from '../../locales/zh-CN/settings';
import enText from '../../locales/en-US/settings';
import { isUnitList, SettingField } from './SettingField';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export default function SettingsPage() {
  const { t, locale } = useI18n();
  const access = useAccess();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const L = locale === 'zh-CN' ? zhText : enText;
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => ok(api.GET('/api/v1/settings')) });
  // The names of the units the unit lists hold (a deleted unit shows its id).
  const unitIds = [...new Set(Object.entries(settings.data ?? {}).flatMap(([k, v]) => (isUnitList(k) && Array.isArray(v) ? (v as string[]) : [])))].sort();
  const units = useQuery({
    queryKey: ['units', 'names', unitIds],
    queryFn: () => Promise.all(unitIds.map(async (id) => {
      const { data } = await api.GET('/api/v1/units/{id}', { params: { path: { id } } });
      return { id, name: data?.name ?? id };
    })),
    enabled: unitIds.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const save = useMutation({
    meta: { quiet: true },
    mutationFn: (body: Partial<Settings>) => ok(api.PATCH('/api/v1/settings', { body })),
    onSuccess: (s) => { qc.setQueryData(['settings'], s); form.setFieldsValue(s); showSuccess(t('saved')); },
    onError: (e) => reportFormError(form, e),
  });
  if (settings.isPending || (unitIds.length > 0 && units.isPending)) return <PageLoading />;
  if (!settings.data) return null;
  const current = settings.data as Record<string, unknown>;
  const keys = Object.keys(current);
  const sections = [...new Set(keys.map((k) => (k.split('.')[0] in L.sections ? k.split('.')[0] : 'other')))];
  const sectionOf = (k: string) => (k.split('.')[0] in L.sections ? k.split('.')[0] : 'other');
  const text = (k: string) => L.fields[k] ?? { label: k };
  const submit = (v: Record<string, unknown>) => {
    const changed = Object.fromEntries(keys.filter((k) => !same(v[k], current[k])).map((k) => [k, v[k]]));
    if (!Object.keys(changed).length) { showSuccess(t('settings.unchanged')); return; }
    save.mutate(changed as Partial<Settings>);
  };
  return (
    <>
      <PageHeader title={t('settings.title')} intro={t('settings.intro')}
        extra={access.settingsWrite && <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>{t('action.save')}</Button>} />
      {!access.settingsWrite && <Alert type="info" showIcon title={t('settings.readOnly')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={current} onFinish={submit} disabled={!access.settingsWrite} style={{ maxWidth: 760 }}>
        {sections.map((s) => (
          <Card key={s} title={L.sections[s]} style={{ marginBottom: 16 }}>
            {keys.filter((k) => sectionOf(k) === s).map((k) => (
              <SettingField key={k} name={[k]} value={current[k]} text={text} options={L.options} disabled={!access.settingsWrite} addLabel={t('action.add')} units={units.data} />
            ))}
          </Card>
        ))}
        {access.settingsWrite && (
          <Button type="primary" htmlType="submit" loading={save.isPending}>{t('action.save')}</Button>
        )}
      </Form>
    </>
  );
}
