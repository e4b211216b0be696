// 导入部门数据: one import per source bureau (税务、统计、供电、能耗、环保、自然资源) for the chosen year, through the
// shared two-pass ImportDialog (check first, every bad row listed; then all rows or none).
import { useState } from 'react';
import { DownOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Dropdown, Typography } from 'antd';
import { DATA_SOURCES, DATA_SOURCE_INFO, fieldsOfSource, type DataSource } from '../../../../common/enterprise-fields';
import { useI18n } from '../../app/i18n';
import { ImportDialog } from '../../components/ImportDialog';
import { fieldLabel, fieldUnit, type DataImportResult } from './shared';

export function DataImportButton({ year, onImported }: { year: number; onImported: () => void }) {
  const { t, locale } = useI18n();
  const [source, setSource] = useState<DataSource | null>(null);
  const sourceName = (s: DataSource) => (locale === 'en-US' ? DATA_SOURCE_INFO[s].en : DATA_SOURCE_INFO[s].zh);
  return (
    <>
      <Dropdown trigger={['click']} menu={{
        items: DATA_SOURCES.map((s) => ({ key: s, label: `${sourceName(s)} — ${fieldsOfSource(s).map((f) => fieldLabel(f, locale)).join('、')}` })),
        onClick: ({ key }) => setSource(key as DataSource),
      }}>
        <Button type="primary" icon={<UploadOutlined />} data-testid="data-import">{t('ent.data.import', { year })} <DownOutlined /></Button>
      </Dropdown>
      {source && (
        <ImportDialog<DataImportResult> open onClose={() => setSource(null)}
          title={t('ent.data.importTitle', { year, source: sourceName(source) })}
          endpoint={`/api/v1/enterprise-data/import?source=${source}&year=${year}`}
          template={{ path: `/api/v1/enterprise-data/template?source=${source}`, name: `${DATA_SOURCE_INFO[source].zh}.xlsx` }}
          columnsHint={t('ent.data.importHint', { columns: fieldsOfSource(source).map((f) => `${fieldLabel(f, locale)}（${fieldUnit(f)}）`).join('、') })}
          onImported={() => onImported()}
          renderDone={(r) => (
            <Typography.Paragraph type="secondary" data-testid="data-import-units">
              {r.columns.map((c) => t('ent.data.columnRead', { header: c.header, unit: c.unit, field: fieldLabel(c.field as never, locale) })).join('；')}
            </Typography.Paragraph>
          )} />
      )}
    </>
  );
}
