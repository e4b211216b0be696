// Pick an account by typing part of the username or name.
import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { useDebounced } from '../../app/useDebounced';

export function UserSelect({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const list = useQuery({
    queryKey: ['users', 'options', q],
    queryFn: () => ok(api.GET('/api/v1/users', { params: { query: { q: q || undefined, pageSize: 50 } } })),
  });
  return (
    <Select value={value} onChange={onChange} showSearch={{ filterOption: false, onSearch: setSearch }} loading={list.isFetching}
      options={(list.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）${u.unitName ? ` · ${u.unitName}` : ''}` }))} />
  );
}
