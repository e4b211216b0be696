// A page that throws shows a calm message instead of a blank screen.
import { Component, type ReactNode } from 'react';
import { Result } from 'antd';
import { useI18n } from '../../app/i18n';

function Crashed() {
  const { t } = useI18n();
  return <Result status="error" title={t('page.crashed')} subTitle={t('page.crashedHint')} />;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() { return { failed: true }; }
  componentDidCatch(error: unknown) { console.error(error); }
  render() { return this.state.failed ? <Crashed /> : this.props.children; }
}
