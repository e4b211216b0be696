// The UI language: zh-CN by default, English on request. Remembered per browser; sent to the server as x-locale
// (and saved on the account by the language switch when signed in).
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { ROLE_LABELS, UNIT_KIND_LABELS, type Locale, type Role, type UnitKind } from '../../../common/roles';
import { message as commonMessage } from '../../../common/messages';
import { messages as zhCN, modules as zhModules, type MessageKey } from '../locales/zh-CN';
import { messages as enUS, modules as enModules } from '../locales/en-US';
import { setApiLocale } from '../api/client';
import zhActions, { entityTypes as zhEntities } from '../locales/zh-CN/actions';
import enActions, { entityTypes as enEntities } from '../locales/en-US/actions';

const DICTS = { 'zh-CN': zhCN, 'en-US': enUS } as const;
const MODULES = { 'zh-CN': zhModules, 'en-US': enModules } as const;
const ACTIONS = { 'zh-CN': [zhActions, zhEntities], 'en-US': [enActions, enEntities] } as const;
const STORE = 'luoshi.locale';

export type T = (key: MessageKey, params?: Record<string, unknown>) => string;

interface I18n {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: T;
  modules: (typeof MODULES)[Locale];
  role: (r: Role) => string;
  unitKind: (k: UnitKind) => string;
  /** Audit log words: an action code or an entity type, in the UI language (the code itself if unknown). */
  auditAction: (code: string) => string;
  entityType: (code: string) => string;
  /** A message shared with the server (common/messages.ts), e.g. the password rules. */
  common: (key: string, params?: Record<string, unknown>) => string;
}

const Ctx = createContext<I18n | null>(null);

function initialLocale(): Locale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORE) : null;
  return saved === 'en-US' ? 'en-US' : 'zh-CN';
}

function apply(l: Locale) {
  setApiLocale(l);
  dayjs.locale(l === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = l;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => { const l = initialLocale(); apply(l); return l; });
  const setLocale = useCallback((l: Locale) => {
    apply(l);
    localStorage.setItem(STORE, l);
    setLocaleState(l);
  }, []);
  const value = useMemo<I18n>(() => {
    const dict: Record<string, string> = DICTS[locale];
    const t: T = (key, params = {}) => (dict[key] ?? key).replace(/\{(\w+)\}/g, (_, k) => (params[k] === undefined ? `{${k}}` : String(params[k])));
    return {
      locale, setLocale, t, modules: MODULES[locale],
      role: (r) => ROLE_LABELS[r]?.[locale] ?? r,
      unitKind: (k) => UNIT_KIND_LABELS[k]?.[locale] ?? k,
      auditAction: (c) => ACTIONS[locale][0][c] ?? c,
      entityType: (c) => ACTIONS[locale][1][c] ?? c,
      common: (key, params) => commonMessage(key, locale, params),
    };
  }, [locale, setLocale]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
