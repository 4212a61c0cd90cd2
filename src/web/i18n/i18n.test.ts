import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import kk from './kk.json';
import ru from './ru.json';
import en from './en.json';
import { PROBLEMS } from '../../common/problems.js';
import {
  ANSWER_OUTCOMES,
  APPEAL_STATUSES,
  APPEAL_TYPES,
  LANGUAGES,
  MEDIA_STATES,
  SOURCES,
  type Language,
} from '../../common/statuses.js';

type Tree = { [key: string]: string | Tree };

const here = path.dirname(fileURLToPath(import.meta.url));
const webDir = path.resolve(here, '..');
const serverDir = path.resolve(here, '../../server');
const catalogues: Record<Language, Tree> = { kk, ru, en };

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of leaves(value, full)) out.set(k, v);
  }
  return out;
}

function baseKey(key: string): string {
  return key.replace(PLURAL_SUFFIX, '');
}

function baseKeys(tree: Tree): Set<string> {
  return new Set([...leaves(tree).keys()].map(baseKey));
}

function node(tree: Tree, key: string): string | Tree | undefined {
  let current: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof current !== 'object') return undefined;
    current = current[part];
  }
  return current;
}

/** A key i18next can resolve: a string leaf, or the plural forms of one. */
function hasKey(tree: Tree, key: string): boolean {
  if (typeof node(tree, key) === 'string') return true;
  const dot = key.lastIndexOf('.');
  const parent = dot < 0 ? tree : node(tree, key.slice(0, dot));
  if (typeof parent !== 'object') return false;
  const last = key.slice(dot + 1);
  return Object.keys(parent).some((k) => k !== last && baseKey(k) === last && typeof parent[k] === 'string');
}

function variables(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!);
}

function sourceFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => path.join(dir, f));
}

/**
 * The translation keys a source uses: literal arguments of t(…), i18nKey="…", and any string literal that starts
 * with a top-level namespace of the catalogue (keys kept in variables). Template literals with `${…}` give prefixes.
 */
function keysUsedIn(source: string, namespaces: string[]): { keys: Set<string>; prefixes: Set<string> } {
  const keys = new Set<string>();
  const prefixes = new Set<string>();
  for (const m of source.matchAll(/\bt\(\s*(['"])((?:(?!\1)[^\\\n])+)\1/g)) keys.add(m[2]!);
  for (const m of source.matchAll(/\bt\(\s*`([^`$]+)`/g)) keys.add(m[1]!);
  for (const m of source.matchAll(/\bi18nKey=\{?\s*(['"])((?:(?!\1).)+)\1/g)) keys.add(m[2]!);
  const ns = namespaces.map((n) => n.replace(/[-.]/g, '\\$&')).join('|');
  for (const m of source.matchAll(new RegExp(`(['"\`])((?:${ns})\\.[A-Za-z0-9_.-]*[A-Za-z0-9_-])\\1`, 'g'))) {
    keys.add(m[2]!);
  }
  for (const m of source.matchAll(new RegExp(`\`((?:${ns})\\.[A-Za-z0-9_.-]*)\\.\\$\\{`, 'g')))
    prefixes.add(m[1]!);
  for (const m of source.matchAll(/\bt\(\s*`([^`$]+)\.\$\{/g)) prefixes.add(m[1]!);
  return { keys, prefixes };
}

function missingKeys(files: { name: string; text: string }[], tree: Tree): string[] {
  const namespaces = Object.keys(tree);
  const missing: string[] = [];
  for (const { name, text } of files) {
    const { keys, prefixes } = keysUsedIn(text, namespaces);
    for (const key of keys) if (!hasKey(tree, key)) missing.push(`${name}: ${key}`);
    for (const prefix of prefixes) {
      if (typeof node(tree, prefix) !== 'object') missing.push(`${name}: ${prefix}.*`);
    }
  }
  return missing;
}

const webSources = sourceFiles(webDir).map((file) => ({
  name: path.relative(webDir, file),
  text: fs.readFileSync(file, 'utf8'),
}));

describe('translations', () => {
  it.each(['kk', 'ru'] as const)('%s has exactly the keys en has (plural forms aside)', (lang) => {
    const theirs = baseKeys(catalogues[lang]);
    const ours = baseKeys(en);
    expect(
      [...ours].filter((k) => !theirs.has(k)),
      `missing in ${lang}`,
    ).toEqual([]);
    expect(
      [...theirs].filter((k) => !ours.has(k)),
      `only in ${lang}`,
    ).toEqual([]);
  });

  it.each(LANGUAGES)('%s has every plural form its language needs', (lang) => {
    const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    const keys = [...leaves(catalogues[lang]).keys()];
    const plural = new Set(keys.filter((k) => PLURAL_SUFFIX.test(k)).map(baseKey));
    for (const base of plural) {
      for (const category of categories)
        expect(keys, `${lang}: ${base}_${category}`).toContain(`${base}_${category}`);
    }
  });

  it('gives Russian plurals the forms one, few, many and other', () => {
    const keys = [...leaves(ru).keys()];
    const plural = new Set(keys.filter((k) => PLURAL_SUFFIX.test(k)).map(baseKey));
    expect(plural.size).toBeGreaterThan(0);
    for (const base of plural) {
      for (const form of ['one', 'few', 'many', 'other']) expect(keys).toContain(`${base}_${form}`);
    }
  });

  it.each(LANGUAGES)('%s has no empty text', (lang) => {
    const empty = [...leaves(catalogues[lang])].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it.each(LANGUAGES)('%s uses the same {{variables}} as the other languages in every text', (lang) => {
    const varsByBase = (tree: Tree): Map<string, string> => {
      const out = new Map<string, Set<string>>();
      for (const [key, text] of leaves(tree)) {
        const set = out.get(baseKey(key)) ?? new Set<string>();
        for (const v of variables(text)) set.add(v);
        out.set(baseKey(key), set);
      }
      return new Map([...out].map(([k, set]) => [k, [...set].sort().join(',')]));
    };
    const reference = varsByBase(en);
    const theirs = varsByBase(catalogues[lang]);
    const different = [...reference]
      .filter(([key, vars]) => theirs.has(key) && theirs.get(key) !== vars)
      .map(([key, vars]) => `${key}: en {${vars}} ≠ ${lang} {${theirs.get(key)}}`);
    expect(different).toEqual([]);
  });

  it.each(LANGUAGES)('%s names every problem the API can answer with', (lang) => {
    const missing = Object.keys(PROBLEMS).filter((slug) => !hasKey(catalogues[lang], `problem.${slug}`));
    expect(missing).toEqual([]);
  });

  it('has the same SMS templates in all three languages, and a text for every message the server sends', () => {
    const serverText = sourceFiles(serverDir)
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    const sent = [...serverText.matchAll(/\btemplate:\s*'([\w-]+)'/g)].map((m) => m[1]!);
    expect(sent.length).toBeGreaterThan(0);
    const templates = Object.keys(node(en, 'sms') as Tree);
    for (const lang of LANGUAGES) {
      expect(Object.keys(node(catalogues[lang], 'sms') as Tree).sort(), lang).toEqual([...templates].sort());
      // An SMS text, or for a message only ever emailed (the booths' alerts to admins) the email's own body.
      for (const name of sent)
        expect(
          hasKey(catalogues[lang], `sms.${name}`) || hasKey(catalogues[lang], `email.${name}.body`),
          `${lang}: sms.${name} or email.${name}.body`,
        ).toBe(true);
    }
  });

  it.each<[string, readonly string[]]>([
    ['common.types', APPEAL_TYPES],
    ['common.typeHints', APPEAL_TYPES],
    ['common.statuses', APPEAL_STATUSES],
    ['common.statusExplained', APPEAL_STATUSES],
    ['common.outcomes', ANSWER_OUTCOMES],
    ['common.mediaStates', [...MEDIA_STATES, 'none']],
    ['common.languageNames', LANGUAGES],
    ['office.appeal.sources', SOURCES],
  ])('names every value shown through %s.<value>', (prefix, values) => {
    for (const lang of LANGUAGES) {
      const missing = values.filter((v) => !hasKey(catalogues[lang], `${prefix}.${v}`));
      expect(missing, lang).toEqual([]);
    }
  });

  it('finds the web sources to check', () => {
    expect(webSources.length).toBeGreaterThan(10);
    const used = webSources.flatMap(({ text }) => [...keysUsedIn(text, Object.keys(en)).keys]);
    expect(used.length).toBeGreaterThan(50);
  });

  it('has every key the web apps ask for', () => {
    expect(missingKeys(webSources, en)).toEqual([]);
  });

  it('has every key the web apps ask for in Kazakh and Russian too', () => {
    expect(missingKeys(webSources, kk)).toEqual([]);
    expect(missingKeys(webSources, ru)).toEqual([]);
  });

  it('notices a key the sources use but the catalogue lacks', () => {
    const source = [
      "const title = t('kiosk.nope.title');",
      'const hint = t("common.nope");',
      "const label = 'office.nope';",
      '<Trans i18nKey="public.nope" />',
      'const left = t(`common.nopeLeft`, { count: 2 });',
      'const s = t(`common.nopeFamily.${status}`);',
      "const typo = t('kioks.title');",
      "const fine = t('common.workingDaysLeft', { count: 2 });",
      'const alsoFine = t(`common.statuses.${status}`);',
    ].join('\n');
    expect(missingKeys([{ name: 'x.tsx', text: source }], en).sort()).toEqual(
      [
        'x.tsx: kiosk.nope.title',
        'x.tsx: common.nope',
        'x.tsx: office.nope',
        'x.tsx: public.nope',
        'x.tsx: common.nopeLeft',
        'x.tsx: common.nopeFamily.*',
        'x.tsx: kioks.title',
      ].sort(),
    );
  });
});
