// One setting, edited by the shape of its value: switch, number, choice, text, paragraphs, or a group of these; a list
// of unit ids (a key ending in UnitIds, e.g. mu.officeUnitIds) is picked by unit name.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Select, Switch } from 'antd';
import type { SettingText } from '../../locales/zh-CN/settings';
import { UnitSelect } from '../../components/UnitSelect';

/** Settings whose value is a list of unit ids. */
export const isUnitList = (key: string) => /UnitIds$/.test(key);

interface Props {
  name: string[]; value: unknown; text: (key: string) => SettingText; options: Record<string, Record<string, string>>; disabled: boolean; addLabel: string;
  /** Names of the units the unit lists hold now (the picker only lists search results). */
  units?: { id: string; name: string }[];
}

export function SettingField({ name, value, text, options, disabled, addLabel, units }: Props) {
  const nested = name.length > 1;
  const key = name.join('.');
  const { label, help } = text(key);
  const opts = options[key];
  if (Array.isArray(value) && isUnitList(key)) {
    return (
      <Form.Item label={label} extra={help}>
        <div data-testid={`setting-${key}`}>
          <Form.Item name={name} noStyle><UnitSelect multiple known={units} allowClear={false} style={{ width: '100%' }} /></Form.Item>
        </div>
      </Form.Item>
    );
  }
  if (typeof value === 'boolean') {
    return <Form.Item name={name} label={label} extra={help} valuePropName="checked"><Switch disabled={disabled} /></Form.Item>;
  }
  if (typeof value === 'number') {
    return <Form.Item name={name} label={label} extra={help}><InputNumber disabled={disabled} style={{ width: nested ? '100%' : 180 }} className="num" /></Form.Item>;
  }
  if (typeof value === 'string') {
    if (opts) return <Form.Item name={name} label={label} extra={help}><Select disabled={disabled} style={{ width: 200 }} options={Object.entries(opts).map(([v, l]) => ({ value: v, label: l }))} /></Form.Item>;
    return <Form.Item name={name} label={label} extra={help}><Input disabled={disabled} /></Form.Item>;
  }
  if (Array.isArray(value)) {
    return (
      <Form.Item label={label} extra={help}>
        <Form.List name={name}>
          {(fields, { add, remove }) => (
            <div style={{ display: 'grid', gap: 8 }}>
              {fields.map((f) => (
                <div key={f.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                  <Form.Item name={f.name} noStyle><Input.TextArea autoSize={{ minRows: 2 }} disabled={disabled} /></Form.Item>
                  {!disabled && <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label="remove" />}
                </div>
              ))}
              {!disabled && <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} style={{ width: 120 }}>{addLabel}</Button>}
            </div>
          )}
        </Form.List>
      </Form.Item>
    );
  }
  if (value && typeof value === 'object') {
    return (
      <Form.Item label={label} extra={help} style={{ marginBottom: 16 }}>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', columnGap: 16, padding: '12px 12px 0', background: '#f7f8fa', borderRadius: 6 }}>
          {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
            <SettingField key={k} name={[...name, k]} value={v} text={(full) => (text(full).label === full ? { label: k } : text(full))} options={options} disabled={disabled} addLabel={addLabel} units={units} />
          ))}
        </div>
      </Form.Item>
    );
  }
  return null;
}
