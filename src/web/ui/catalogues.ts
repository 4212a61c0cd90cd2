// Every string of every app in the three languages: the office and the public site load them whole.
import kk from '../i18n/kk.json';
import ru from '../i18n/ru.json';
import en from '../i18n/en.json';

export const allCatalogues = { kk, ru, en };
