// A page's title, one line saying what the page is for, and its main actions.
import type { ReactNode } from 'react';
import { Typography } from 'antd';

export function PageHeader({ title, intro, extra }: { title: ReactNode; intro?: ReactNode; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', justifyContent: 'space-between', gap: 12, marginBottom: 16 }}>
      <div style={{ minWidth: 0, flex: '1 1 320px' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{title}</Typography.Title>
        {intro && <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{intro}</Typography.Paragraph>}
      </div>
      {extra && <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>{extra}</div>}
    </div>
  );
}
