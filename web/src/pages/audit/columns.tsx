import { Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { AuditEntry } from '../../api/types';
import { useFormat } from '../../app/format';
import { useI18n } from '../../app/i18n';

export function useAuditColumns(): TableColumnsType<AuditEntry> {
  const { t, auditAction, entityType } = useI18n();
  const f = useFormat();
  return [
    { title: t('audit.seq'), dataIndex: 'seq', key: 'seq', align: 'right', render: (n: number) => <span className="num">{n}</span> },
    { title: t('audit.at'), dataIndex: 'at', key: 'at', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{f.dateTime(v)}</span> },
    { title: t('audit.actor'), dataIndex: 'actorName', key: 'actor', render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text> },
    {
      title: t('audit.action'), dataIndex: 'action', key: 'action', render: (v: string) => (
        <div style={{ whiteSpace: 'nowrap' }}>
          {auditAction(v)}
          {auditAction(v) !== v && <div><Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>{v}</Typography.Text></div>}
        </div>
      ),
    },
    { title: t('audit.entityType'), dataIndex: 'entityType', key: 'entityType', render: (v: string | null) => (v ? entityType(v) : t('none')) },
    { title: t('audit.entityId'), dataIndex: 'entityId', key: 'entityId', render: (v: string | null) => <span className="mono" style={{ fontSize: 12 }}>{v ?? t('none')}</span> },
    { title: t('audit.ip'), dataIndex: 'ip', key: 'ip', render: (v: string | null) => <span className="mono">{v ?? t('none')}</span> },
  ];
}
