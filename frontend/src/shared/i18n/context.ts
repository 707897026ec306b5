import { createContext, useContext } from 'react';
import { messages, type Lang, type MessageKey } from './messages';

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text: string = messages[lang][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

export const I18nContext = createContext<I18n>({
  lang: 'ko',
  setLang: () => undefined,
  t: (key, vars) => translate('ko', key, vars),
});

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** `t` of the current language. */
export function useT(): Translate {
  return useContext(I18nContext).t;
}
