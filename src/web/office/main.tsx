// Office entry: staff sign in, read their inbox, watch and answer appeals.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { preferredLanguage, setupI18n } from '../ui/i18n.js';
import { allCatalogues } from '../ui/catalogues.js';
import { App } from './App.js';
import '../ui/base.css';
import './office.css';

setupI18n(preferredLanguage(), allCatalogues);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
