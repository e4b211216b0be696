// A module not built yet: what it will hold and how it will work (from the product brief), not an empty page.
import { CheckCircleOutlined } from '@ant-design/icons';
import { Card, Col, Row, Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import type { ModuleId } from '../../locales/zh-CN/modules';
import { MODULE_META } from './meta';

export default function ModulePage({ id }: { id: ModuleId }) {
  const { t, modules } = useI18n();
  const m = modules[id];
  const Icon = MODULE_META[id].icon;
  return (
    <div data-testid={`module-${id}`}>
      <PageHeader title={<span><Icon style={{ color: MODULE_META[id].color, marginInlineEnd: 8 }} />{t(MODULE_META[id].label)}</span>} intro={m.summary} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card title={t('module.title')}>
            <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 12 }}>
              {m.points.map((p) => (
                <li key={p} style={{ display: 'flex', gap: 10, alignItems: 'baseline', lineHeight: 1.7 }}>
                  <CheckCircleOutlined style={{ color: '#1a56c4', flex: 'none' }} /><span>{p}</span>
                </li>
              ))}
            </ul>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('module.who')} style={{ marginBottom: 16 }}>
            <Typography.Paragraph style={{ margin: 0, lineHeight: 1.8 }}>{m.users}</Typography.Paragraph>
          </Card>
          <Card>
            <Typography.Paragraph type="secondary" style={{ margin: 0, lineHeight: 1.8 }}>{t('module.status')}</Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
