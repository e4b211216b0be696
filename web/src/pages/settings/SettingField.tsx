// One setting, edited by the shape of its value: switch, number, choice, text, paragraphs, or a group of these.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Select, Switch } from 'antd';
import type { SettingText } from '../../locales/zh-CN/settings';

interface Props { name: string[]; value: unknown; text: (key: string) => SettingText; options: Record<string, Record<string, string>>; disabled: boolean; addLabel: string }

export function SettingField({ name, value, text, options, disabled, addLabel }: Props) {
  const nested = name.length > 1;
  const key = name.join('.');
  const { label, help } = text(key);
  const opts = options[key];
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
            <SettingField key={k} name={[...name, k]} value={v} text={(full) => (text(full).label === full ? { label: k } : text(full))} options={options} disabled={disabled} addLabel={addLabel} />
          ))}
        </div>
      </Form.Item>
    );
  }
  return null;
}
