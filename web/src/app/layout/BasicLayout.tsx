// The admin layout: left navigation (a drawer on phones), header, the page. Pages load inside Suspense.
import { Suspense, useEffect, useState } from 'react';
import { Drawer, Grid, Layout, Menu } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useAccess } from '../../access';
import { useI18n } from '../i18n';
import { PageLoading } from '../../components/PageLoading';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { HeaderBar } from './HeaderBar';
import { Logo } from './Logo';
import { menuItems, visibleMenu } from './menu';
import { prefetchPages } from '../prefetch';

const { Sider, Content } = Layout;

function selectedKey(pathname: string, keys: string[]): string {
  return keys.filter((k) => k === '/' ? pathname === '/' : pathname === k || pathname.startsWith(`${k}/`)).sort((a, b) => b.length - a.length)[0] ?? '';
}

export function BasicLayout() {
  const access = useAccess();
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const mobile = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawer, setDrawer] = useState(false);
  const nav = useNavigate();
  const { pathname } = useLocation();
  const entries = visibleMenu(access);
  const allKeys = entries.flatMap((e) => [e.path, ...(e.children ?? []).map((c) => c.path)]);
  const selected = selectedKey(pathname, allKeys);
  const open = entries.filter((e) => e.children).map((e) => e.path);
  useEffect(() => { const id = setTimeout(prefetchPages, 1500); return () => clearTimeout(id); }, []);

  const menu = (
    <Menu mode="inline" items={menuItems(entries, t)} selectedKeys={[selected]} defaultOpenKeys={open}
      onClick={({ key }) => { nav(key); setDrawer(false); }} style={{ borderInlineEnd: 'none' }} />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!mobile && (
        <Sider width={224} collapsible collapsed={collapsed} onCollapse={setCollapsed} theme="light"
          style={{ borderInlineEnd: '1px solid #eef0f3', position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}>
          <Logo collapsed={collapsed} />
          <nav aria-label={t('menu.open')}>{menu}</nav>
        </Sider>
      )}
      {mobile && (
        <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" size={260} closable={false}
          styles={{ body: { padding: 0 } }}>
          <Logo />
          <nav>{menu}</nav>
        </Drawer>
      )}
      <Layout>
        <HeaderBar mobile={mobile} onMenu={() => setDrawer(true)} />
        <Content style={{ padding: mobile ? 12 : 24, minWidth: 0 }}>
          <ErrorBoundary key={pathname}>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Content>
      </Layout>
    </Layout>
  );
}
