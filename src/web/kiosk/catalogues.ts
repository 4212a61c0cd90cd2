// The booth's strings only: the office's, the public site's and the messages' parts of the catalogues stay out of
// its bundle (vite.config.ts keeps `?booth` imports to the booth's parts).
import kk from '../i18n/kk.json?booth';
import ru from '../i18n/ru.json?booth';
import en from '../i18n/en.json?booth';

export const kioskCatalogues = { kk, ru, en };
