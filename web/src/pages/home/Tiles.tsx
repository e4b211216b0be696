// Tiles: the business modules (a module in use opens its working page, the others the page that says what they
// will do), and the admin pages.
import type { ReactNode } from 'react';
import { ApartmentOutlined, AuditOutlined, BankOutlined, DesktopOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Col, Row, Typography } from 'antd';
import { Link } from 'react-router';
import { useAccess, type Access } from '../../access';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../locales/zh-CN';
import { MODULE_IDS } from '../../locales/zh-CN/modules';
import { MODULE_META } from '../modules/meta';
import { moduleHome } from '../../app/module-home';

function Tile({ to, icon, title, text }: { to: string; icon: ReactNode; title: string; text: string }) {
  return (
    <Col xs={24} sm={12} xl={6}>
      <Link to={to}>
        <Card hoverable style={{ height: '100%' }} styles={{ body: { display: 'flex', gap: 12 } }}>
          <div style={{ fontSize: 22, lineHeight: 1 }}>{icon}</div>
          <div style={{ minWidth: 0 }}>
            <Typography.Text strong>{title}</Typography.Text>
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0', fontSize: 13 }}>{text}</Typography.Paragraph>
          </div>
        </Card>
      </Link>
    </Col>
  );
}

/** A module that is in use opens its working page (督查督办: 我的待办 for unit people, 督办台 for the others). */
function moduleLink(id: (typeof MODULE_IDS)[number], a: Access): string {
  return moduleHome(id, a) ?? MODULE_META[id].path;
}

export function ModuleTiles() {
  const { t, modules } = useI18n();
  const access = useAccess();
  return (
    <section style={{ marginBottom: 24 }}>
      <Typography.Title level={5}>{t('home.modules')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>{t('home.modulesHint')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {MODULE_IDS.map((id) => {
          const m = MODULE_META[id];
          return <Tile key={id} to={moduleLink(id, access)} icon={<m.icon style={{ color: m.color }} />} title={t(m.label)} text={modules[id].summary} />;
        })}
      </Row>
    </section>
  );
}

const ADMIN: { to: string; icon: ReactNode; title: MessageKey; text: MessageKey; visible: (a: Access) => boolean }[] = [
  { to: '/admin/units', icon: <BankOutlined style={{ color: '#1a56c4' }} />, title: 'menu.units', text: 'home.adminUnits', visible: (a) => a.units },
  { to: '/admin/leaders', icon: <ApartmentOutlined style={{ color: '#1a56c4' }} />, title: 'menu.leaders', text: 'home.adminLeaders', visible: (a) => a.leaders },
  { to: '/admin/users', icon: <TeamOutlined style={{ color: '#1a56c4' }} />, title: 'menu.users', text: 'home.adminUsers', visible: (a) => a.users },
  { to: '/admin/sessions', icon: <DesktopOutlined style={{ color: '#1a56c4' }} />, title: 'menu.sessions', text: 'home.adminSessions', visible: (a) => a.sessions },
  { to: '/admin/settings', icon: <SafetyCertificateOutlined style={{ color: '#1a56c4' }} />, title: 'menu.settings', text: 'home.adminSettings', visible: (a) => a.settings },
  { to: '/audit', icon: <AuditOutlined style={{ color: '#1a56c4' }} />, title: 'menu.audit', text: 'home.adminAudit', visible: (a) => a.audit },
];

export function AdminTiles() {
  const access = useAccess();
  const { t } = useI18n();
  const tiles = ADMIN.filter((x) => x.visible(access));
  if (!tiles.length) return null;
  return (
    <section>
      <Typography.Title level={5}>{t('home.admin')}</Typography.Title>
      <Row gutter={[16, 16]}>
        {tiles.map((x) => <Tile key={x.to} to={x.to} icon={x.icon} title={t(x.title)} text={t(x.text)} />)}
      </Row>
    </section>
  );
}
