// What exists now, from the APIs this user may call.
import type { ReactNode } from 'react';
import { ApartmentOutlined, BankOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { useAccess } from '../../access';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../locales/zh-CN';

function CountCard({ title, hint, value, loading, icon, to }: { title: MessageKey; hint: MessageKey; value?: number; loading: boolean; icon: ReactNode; to?: string }) {
  const { t } = useI18n();
  const body = (
    <Card hoverable={!!to} style={{ height: '100%' }} className="count-card">
      <Statistic title={<span>{icon} {t(title)}</span>} value={value ?? 0} loading={loading} styles={{ content: { fontVariantNumeric: 'tabular-nums' } }} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }} className="hide-xs">{t(hint)}</Typography.Text>
    </Card>
  );
  return <Col xs={8}>{to ? <Link to={to}>{body}</Link> : body}</Col>;
}

export function Counts() {
  const a = useAccess();
  const units = useQuery({ queryKey: ['units', 'count'], enabled: a.orgRead, queryFn: () => ok(api.GET('/api/v1/units', { params: { query: { pageSize: 1 } } })) });
  const users = useQuery({ queryKey: ['users', 'count'], enabled: a.users, queryFn: () => ok(api.GET('/api/v1/users', { params: { query: { pageSize: 1 } } })) });
  const leaders = useQuery({ queryKey: ['leaders'], enabled: a.orgRead, queryFn: () => ok(api.GET('/api/v1/leaders')) });
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 24 }} data-testid="home-counts">
      {a.orgRead && <CountCard title="home.units" hint="home.unitsHint" value={units.data?.total} loading={units.isPending} icon={<BankOutlined />} to={a.units ? '/admin/units' : undefined} />}
      {a.users && <CountCard title="home.users" hint="home.usersHint" value={users.data?.total} loading={users.isPending} icon={<TeamOutlined />} to="/admin/users" />}
      {a.orgRead && <CountCard title="home.leaders" hint="home.leadersHint" value={leaders.data?.length} loading={leaders.isPending} icon={<ApartmentOutlined />} to={a.leaders ? '/admin/leaders' : undefined} />}
    </Row>
  );
}
