// Errors and notices: one place that turns an ApiError into a message in the UI language, and maps
// problem+json field errors onto a form's fields.
import { useEffect } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import { ApiError, SESSION_GONE } from '../api/errors';
import { useI18n, type T } from './i18n';

let messageApi: MessageInstance | null = null;
let translate: T = (k) => k;

export function errorText(e: unknown, t: T = translate): string {
  if (e instanceof ApiError) {
    if (e.status === 0) return t('error.network');
    return e.detail || e.title || t('error.generic');
  }
  return (e as Error)?.message || t('error.generic');
}

export function showError(e: unknown): void {
  if (e instanceof ApiError && e.status === 401 && SESSION_GONE.has(e.code)) return; // handled by the sign-out path
  messageApi?.error(errorText(e));
}

export function showSuccess(text: string): void { messageApi?.success(text); }

/** Puts field errors on the form (server paths like "unitIds/0" or "assessment.weights/quality");
 *  returns true if every error found a field to show on. */
export function applyFormErrors(form: FormInstance, e: unknown): boolean {
  if (!(e instanceof ApiError) || !e.errors.length) return false;
  const values = form.getFieldsValue(true) as Record<string, unknown>;
  const leaf = (path: string[]) => {
    let v: unknown = values;
    for (const p of path) { if (!v || typeof v !== 'object' || !(p in v)) return false; v = (v as Record<string, unknown>)[p]; }
    return v === null || typeof v !== 'object' || Array.isArray(v);
  };
  const byField = new Map<string, { name: string[]; errors: string[] }>();
  let all = true;
  for (const fe of e.errors) {
    const parts = fe.field.split('/');
    // An array item's error goes on the array's field.
    const name = leaf(parts) && !/^\d+$/.test(parts[parts.length - 1]) ? parts : leaf(parts.slice(0, 1)) ? parts.slice(0, 1) : null;
    if (!name) { all = false; continue; }
    const k = name.join('/');
    byField.set(k, { name, errors: [...(byField.get(k)?.errors ?? []), fe.message] });
  }
  if (byField.size) form.setFields([...byField.values()].map(({ name, errors }) => ({ name, errors })));
  return byField.size > 0 && all;
}

/** Shows an error on the form if it names a field, else as a message. */
export function reportFormError(form: FormInstance, e: unknown): void {
  if (!applyFormErrors(form, e)) showError(e);
}

/** Mounted once inside antd's <App>: gives the module-level helpers the message API and the language. */
export function FeedbackBridge() {
  const { message } = App.useApp();
  const { t } = useI18n();
  useEffect(() => { messageApi = message; translate = t; }, [message, t]);
  return null;
}
