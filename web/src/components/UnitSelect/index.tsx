// Pick one or more units by typing part of the name (asks the server; the directory can be long).
import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { useDebounced } from '../../app/useDebounced';

type Option = { value: string; label: string };
interface Props {
  value?: string | string[] | null;
  onChange?: (v: any) => void;
  multiple?: boolean;
  placeholder?: string;
  /** Names of units already chosen (the list only holds the search results). */
  known?: { id: string; name: string }[];
  exclude?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
}

export function UnitSelect({ value, onChange, multiple, placeholder, known = [], exclude, allowClear = true, style }: Props) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const list = useQuery({
    queryKey: ['units', 'options', q],
    queryFn: () => ok(api.GET('/api/v1/units', { params: { query: { q: q || undefined, pageSize: 100 } } })),
    staleTime: 60_000,
  });
  const options: Option[] = [];
  const seen = new Set<string>();
  for (const u of [...known, ...(list.data?.items ?? [])]) {
    if (seen.has(u.id) || u.id === exclude) continue;
    seen.add(u.id);
    options.push({ value: u.id, label: u.name });
  }
  return (
    <Select showSearch={{ filterOption: false, onSearch: setSearch }} mode={multiple ? 'multiple' : undefined}
      value={value ?? undefined} onChange={(v) => { onChange?.(v ?? null); setSearch(''); }}
      options={options} loading={list.isFetching} placeholder={placeholder} allowClear={allowClear} style={style}
      maxTagCount={multiple ? 'responsive' : undefined} />
  );
}
