import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { pickApi } from './api/pick-api';
import { pickLocale } from './i18n';
import './styles.css';

const api = pickApi();
const locale = pickLocale();
document.documentElement.lang = locale;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={api} locale={locale} />
  </StrictMode>,
);
