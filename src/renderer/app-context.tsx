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

// One value per language, made once: a new object at each render of the app would re-render every component that uses the words, memoized or not.
const words = (locale: Locale): Words => ({ locale, tag: LOCALE_TAG[locale], t: dictionaries[locale] });
const WORDS: Record<Locale, Words> = { fr: words('fr'), en: words('en') };

const WordsContext = createContext<Words>(WORDS.fr);

export function WordsProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <WordsContext.Provider value={WORDS[locale]}>{children}</WordsContext.Provider>;
}

export const useWords = (): Words => useContext(WordsContext);
