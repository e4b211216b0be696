// Pick a county leader (the task's 责任领导) from the leaders' directory; the value is the leader's user id.
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';

export function LeaderSelect({ value, onChange, placeholder, style }: { value?: string | null; onChange?: (v: string | null) => void; placeholder?: string; style?: React.CSSProperties }) {
  const list = useQuery({ queryKey: ['leaders', 'options'], queryFn: () => ok(api.GET('/api/v1/leaders')), staleTime: 60_000 });
  return (
    <Select value={value ?? undefined} onChange={(v) => onChange?.(v ?? null)} allowClear placeholder={placeholder} style={style}
      showSearch={{ optionFilterProp: 'label' }} loading={list.isFetching}
      options={(list.data ?? []).map((l) => ({ value: l.userId, label: `${l.name}（${l.title}）` }))} />
  );
}
