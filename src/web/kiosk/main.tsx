// Kiosk entry: the booth always starts in Kazakh on the language screen; nothing is remembered between people.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setupI18n } from '../ui/i18n.js';
import { kioskCatalogues } from './catalogues.js';
import { App } from './App.js';
import '../ui/base.css';
import './kiosk.css';

setupI18n('kk', kioskCatalogues);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
