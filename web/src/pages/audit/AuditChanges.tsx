// An entry's before/after values, side by side, and its hash.
import { Col, Row, Typography } from 'antd';
import type { AuditEntry } from '../../api/types';
import { useI18n } from '../../app/i18n';

function Json({ value }: { value: unknown }) {
  const { t } = useI18n();
  if (value === null || value === undefined) return <Typography.Text type="secondary">{t('audit.noValue')}</Typography.Text>;
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

export function AuditChanges({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  return (
    <div data-testid="audit-changes">
      <Row gutter={[16, 8]}>
        <Col xs={24} md={12}><Typography.Text strong>{t('audit.before')}</Typography.Text><Json value={entry.before} /></Col>
        <Col xs={24} md={12}><Typography.Text strong>{t('audit.after')}</Typography.Text><Json value={entry.after} /></Col>
      </Row>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('audit.hash')}: <span className="mono">{entry.hash}</span></Typography.Text>
    </div>
  );
}
