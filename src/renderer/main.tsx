import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { pickApi } from './api/pick-api';
import { forcedLocale } from './i18n';
import './styles.css';
import './kiosk.css';

const api = pickApi();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={api} forcedLocale={forcedLocale()} />
  </StrictMode>,
);
