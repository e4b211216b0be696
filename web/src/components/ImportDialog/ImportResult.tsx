import { Col, Row, Statistic, Table } from 'antd';
import { useI18n } from '../../app/i18n';

export interface RowError { row: number; field: string; code: string; message: string }

export function ImportSummary({ result, done }: { result: { total: number; created: number; updated: number }; done: boolean }) {
  const { t } = useI18n();
  return (
    <Row gutter={16} style={{ marginBottom: 16 }} data-testid="import-summary">
      <Col span={8}><Statistic title={t('import.total')} value={result.total} /></Col>
      <Col span={8}><Statistic title={t(done ? 'import.createdDone' : 'import.created')} value={result.created} /></Col>
      <Col span={8}><Statistic title={t(done ? 'import.updatedDone' : 'import.updated')} value={result.updated} /></Col>
    </Row>
  );
}

export function RowErrors({ rows }: { rows: RowError[] }) {
  const { t } = useI18n();
  return (
    <Table<RowError> size="small" rowKey={(r) => `${r.row}|${r.field}|${r.code}`} dataSource={rows} data-testid="import-errors"
      pagination={rows.length > 8 ? { pageSize: 8, size: 'small' } : false} scroll={{ x: 'max-content' }}
      columns={[
        { title: t('import.row'), dataIndex: 'row', align: 'right', width: 72 },
        { title: t('import.field'), dataIndex: 'field', width: 140 },
        { title: t('import.message'), dataIndex: 'message' },
      ]} />
  );
}
