// A server-paged list: a table on wide screens, cards on phones. Numbers right-aligned by the columns;
// the empty state says what to do next.
import type { ReactNode } from 'react';
import { Card, Empty, Grid, Pagination, Spin, Table } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { useI18n } from '../../app/i18n';

export interface Paging { page: number; pageSize: number; total: number; onChange: (page: number, pageSize: number) => void }

interface Props<T> {
  rows: T[] | undefined;
  columns: TableColumnsType<T>;
  rowKey: keyof T & string;
  loading?: boolean;
  paging?: Paging;
  empty: ReactNode;
  /** Phones: the card's heading (defaults to the first column). */
  cardTitle?: (row: T) => ReactNode;
  expandable?: TableProps<T>['expandable'];
  testId?: string;
}

function cell<T>(col: TableColumnsType<T>[number], row: T, i: number): ReactNode {
  const di = (col as { dataIndex?: keyof T }).dataIndex;
  const raw = di !== undefined ? row[di] : undefined;
  return col.render ? (col.render(raw, row, i) as ReactNode) : (raw as ReactNode);
}

export function DataTable<T extends object>({ rows, columns, rowKey, loading, paging, empty, cardTitle, expandable, testId }: Props<T>) {
  const { t } = useI18n();
  const mobile = Grid.useBreakpoint().md === false;
  const emptyNode = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  const pager = paging && (
    <Pagination current={paging.page} pageSize={paging.pageSize} total={paging.total} onChange={paging.onChange}
      showSizeChanger={!mobile} size={mobile ? 'small' : undefined} showTotal={(n) => t('table.total', { total: n })}
      style={{ marginTop: 16, justifyContent: 'flex-end' }} />
  );
  if (mobile) {
    const [first, ...rest] = columns;
    const actions = rest.filter((c) => c.key === 'actions');
    const fields = rest.filter((c) => c.key !== 'actions');
    return (
      <Spin spinning={!!loading}>
        <div data-testid={testId} style={{ display: 'grid', gap: 10 }}>
          {!rows?.length && !loading && <Card>{emptyNode}</Card>}
          {rows?.map((row, i) => (
            <Card key={String(row[rowKey])} size="small" title={cardTitle ? cardTitle(row) : cell(first, row, i)} styles={{ header: { whiteSpace: 'normal' } }}>
              <dl style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '4px 12px', margin: 0 }}>
                {fields.map((c, j) => (
                  <div key={String(c.key ?? j)} style={{ display: 'contents' }}>
                    <dt style={{ color: '#8a919f' }}>{c.title as ReactNode}</dt>
                    <dd style={{ margin: 0, minWidth: 0, wordBreak: 'break-word' }}>{cell(c, row, i)}</dd>
                  </div>
                ))}
              </dl>
              {actions.map((c, j) => <div key={j} style={{ marginTop: 8, borderTop: '1px solid #f0f1f4', paddingTop: 8 }}>{cell(c, row, i)}</div>)}
              {expandable?.expandedRowRender && (
                <details style={{ marginTop: 8 }}><summary style={{ cursor: 'pointer', color: '#1a56c4' }}>{t('table.details')}</summary>{expandable.expandedRowRender(row, i, 0, true)}</details>
              )}
            </Card>
          ))}
        </div>
        {pager}
      </Spin>
    );
  }
  return (
    <div data-testid={testId}>
      <Table<T> rowKey={rowKey} columns={columns} dataSource={rows} loading={loading} pagination={false} expandable={expandable}
        scroll={{ x: 'max-content' }} size="middle" locale={{ emptyText: emptyNode }} />
      {pager}
    </div>
  );
}
