// Public site entry: anyone with a receipt looks up their appeal's status and answer.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { preferredLanguage, setupI18n } from '../ui/i18n.js';
import { allCatalogues } from '../ui/catalogues.js';
import { App } from './App.js';
import '../ui/base.css';
import './public.css';

setupI18n(preferredLanguage(), allCatalogues);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
