// Server-side translation from the same kk/ru/en files the apps use: problem titles, SMS texts, receipts.
import type { FastifyRequest } from 'fastify';
import kk from '../web/i18n/kk.json' with { type: 'json' };
import ru from '../web/i18n/ru.json' with { type: 'json' };
import en from '../web/i18n/en.json' with { type: 'json' };
import { isLanguage, type Language } from '../common/statuses.js';

type Tree = { [key: string]: string | Tree };
const catalogues: Record<Language, Tree> = { kk, ru, en };

export function translate(lang: Language, key: string, values: Record<string, string | number> = {}): string {
  const lookup = (tree: Tree): string | undefined => {
    let node: string | Tree | undefined = tree;
    for (const part of key.split('.')) {
      if (typeof node !== 'object') return undefined;
      node = node[part];
    }
    return typeof node === 'string' ? node : undefined;
  };
  const text = lookup(catalogues[lang]) ?? lookup(catalogues.en) ?? key;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** ?lang= wins, then the first kk/ru/en in Accept-Language, then Russian (the centre's common language). */
export function requestLanguage(request: FastifyRequest): Language {
  const query = request.query as Record<string, unknown> | undefined;
  if (query && isLanguage(query.lang)) return query.lang;
  const header = request.headers['accept-language'] ?? '';
  for (const part of header.split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (isLanguage(tag)) return tag;
  }
  return 'ru';
}
