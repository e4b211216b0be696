// A leader's 督办台 lists his portfolio (the server scopes it: the units he is in charge of, and the tasks he is the
// responsible leader of). This says so — 我的分管：N 个单位, the units on hover — and offers 只看我任责任领导.
import { TeamOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';

export function PortfolioChip({ leaderUserId, onMine }: { leaderUserId?: string; onMine: (userId: string | null) => void }) {
  const { t } = useI18n();
  const me = useMe();
  const leaderOnly = me.roles.includes('leader') && !me.roles.includes('supervisor') && !me.roles.includes('viewer');
  const leaders = useQuery({ queryKey: ['leaders'], enabled: leaderOnly, queryFn: () => ok(api.GET('/api/v1/leaders')) });
  if (!leaderOnly) return null;
  const mine = leaders.data?.find((l) => l.userId === me.id);
  const units = mine?.units ?? [];
  const onlyMine = leaderUserId === me.id;
  return (
    <Space wrap style={{ marginBottom: 12 }} data-testid="portfolio">
      <Tooltip title={units.length ? units.map((u) => u.name).join('、') : undefined}>
        <Tag color="blue" icon={<TeamOutlined />} style={{ fontSize: 14, padding: '3px 10px', margin: 0 }} data-testid="portfolio-chip">
          {t('portfolio.chip', { n: leaders.isPending ? '–' : units.length })}
        </Tag>
      </Tooltip>
      <Tag.CheckableTag checked={onlyMine} onChange={(on) => onMine(on ? me.id : null)} style={{ border: '1px solid #d0d5dd', padding: '3px 10px' }}>
        {t('portfolio.mine')}
      </Tag.CheckableTag>
      <Typography.Text type="secondary" className="hide-xs">{t('portfolio.hint')}</Typography.Text>
    </Space>
  );
}
