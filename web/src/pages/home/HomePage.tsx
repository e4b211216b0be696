// 首页: a greeting, what exists now in the user's scope, and the modules (to come) or the admin work.
import { Navigate } from 'react-router';
import { Result, Typography } from 'antd';
import { useAccess } from '../../access';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { firstPage } from '../../app/layout/menu';
import { AdminTiles, ModuleTiles } from './Tiles';
import { Counts } from './Counts';

function greeting(hour: number) {
  return hour < 12 ? 'home.morning' : hour < 18 ? 'home.afternoon' : 'home.evening';
}

export default function HomePage() {
  const access = useAccess();
  const me = useMe();
  const { t, role } = useI18n();
  if (!access.home) {
    const first = firstPage(access);
    if (first !== '/') return <Navigate to={first} replace />;
    return <div data-testid="no-roles"><Result status="info" title={t('home.noRoles', { name: me.displayName })} subTitle={t('home.noRolesHint')} /></div>;
  }
  const hour = Number(new Intl.DateTimeFormat('en-US', { hour: 'numeric', hourCycle: 'h23', timeZone: 'Asia/Shanghai' }).format(new Date()));
  const scope = me.readRegions.map((r) => r.name).join('、') || me.regionName;
  return (
    <div data-testid="home">
      <div style={{ marginBottom: 20 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t(greeting(hour), { name: me.displayName })}</Typography.Title>
        <Typography.Text type="secondary">
          {[...new Set([me.unitName, me.title, me.roles.map(role).join('、')].filter(Boolean))].join(' · ')}
          {'　'}{t('home.scope', { scope })}
        </Typography.Text>
      </div>
      <Counts />
      {access.business && <ModuleTiles />}
      <AdminTiles />
    </div>
  );
}
