import { type ReactNode, createContext, useContext } from 'react';
import type { PowerApi } from '../shared/power-api';
import { type Dictionary, LOCALE_TAG, type Locale, dictionaries } from './i18n';

// What every part of the screen needs and no part should be handed by its
// parent: the door to the app (IPC in Electron, HTTP in a browser, a fake in a
// test) and the words and number formats of the language in use.

const ApiContext = createContext<PowerApi | null>(null);

export function ApiProvider({ api, children }: { api: PowerApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): PowerApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() outside an ApiProvider');
  return api;
}

export interface Words {
  locale: Locale;
  /** BCP 47 tag for Intl: numbers, euros, dates. */
  tag: string;
  t: Dictionary;
}

const WordsContext = createContext<Words>({ locale: 'fr', tag: LOCALE_TAG.fr, t: dictionaries.fr });

export function WordsProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <WordsContext.Provider value={{ locale, tag: LOCALE_TAG[locale], t: dictionaries[locale] }}>{children}</WordsContext.Provider>;
}

export const useWords = (): Words => useContext(WordsContext);
