import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ApiProvider } from './app-context';
import { pickApi } from './api/pick-api';
import { forcedLocale } from './i18n';
import './styles.css';
import './kiosk.css';

const api = pickApi();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider api={api}>
      <App forcedLocale={forcedLocale()} />
    </ApiProvider>
  </StrictMode>,
);
