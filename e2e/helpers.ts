// What the end-to-end journeys share: the catalogues (to find buttons by their words in each language), axe with
// optional screenshots, the SMS code from the outbox, and the receipt rendered to PDF and read back as text.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import kk from '../src/web/i18n/kk.json';
import ru from '../src/web/i18n/ru.json';
import en from '../src/web/i18n/en.json';

export type Language = 'kk' | 'ru' | 'en';
export const CATALOGUES = { kk, ru, en } as const;
export type Catalogue = typeof en;

export interface JourneyContext {
  context: BrowserContext;
  base: string;
  /** The server's SQLite file, read to find the SMS codes the log driver "sent". */
  database: string;
  /** A second Chromium with the fake camera but nobody to answer the permission prompt: the camera is refused. */
  launchWithoutCamera: () => Promise<BrowserContext>;
}

export type Journey = (ctx: JourneyContext) => Promise<void>;

/** Fails on any accessibility violation axe rates serious or critical; with E2E_SCREENSHOTS=dir, keeps a picture. */
export async function assertAccessible(page: Page, screen: string): Promise<void> {
  const shots = process.env.E2E_SCREENSHOTS;
  if (shots) await page.screenshot({ path: `${shots}/${screen.replace(/\W+/g, '-')}.png`, fullPage: true });
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.equal(
    bad.length,
    0,
    `${screen}: ${bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('; ')}`,
  );
}

/** The newest SMS code the server queued for this phone (the demo's log driver keeps messages in the outbox). */
export async function smsCode(database: string, phone: string, after: number): Promise<string> {
  const until = Date.now() + 10_000;
  const db = new Database(database, { readonly: true, fileMustExist: true });
  try {
    while (Date.now() < until) {
      const row = db
        .prepare(
          `select body from notifications where recipient = ? and template = 'code' and created_at >= ?
           order by created_at desc limit 1`,
        )
        .get(phone, new Date(after - 1000).toISOString()) as { body: string } | undefined;
      const code = row ? /\b(\d{6})\b/.exec(row.body)?.[1] : undefined;
      if (code) return code;
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    db.close();
  }
  throw new Error(`no SMS code for ${phone}`);
}

export function countAppeals(database: string): number {
  const db = new Database(database, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('select count(*) as n from appeals').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Renders the page as Chromium prints it (the receipt's @page is 80 mm wide) and returns the PDF's text. */
export async function receiptPdfText(
  page: Page,
  keepAs?: string,
): Promise<{ text: string; widthMm: number }> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const dir = mkdtempSync(join(tmpdir(), 'dialog-receipt-'));
  try {
    const file = join(dir, 'receipt.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
    const widthMm = size ? (Number(size[1]) * 25.4) / 72 : NaN;
    if (keepAs) {
      writeFileSync(`${keepAs}.pdf`, pdf);
      execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', file, keepAs]);
    }
    return { text, widthMm };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Presses keypad buttons: digits are named by themselves. */
export async function typeDigits(page: Page, digits: string): Promise<void> {
  for (const d of digits) await page.getByRole('button', { name: d, exact: true }).click();
}

/** Records in one of the booth's recorder stores ('chunks' waiting for the server, 'deliveries' not yet finished). */
export function storedRecords(page: Page, store: 'chunks' | 'deliveries'): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        // No version: never upgrade (or block) the booth's own connection; a store not made yet holds nothing.
        const req = indexedDB.open('dialog-recorder');
        req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains(name)) {
            db.close();
            resolve(0);
            return;
          }
          const count = db.transaction(name, 'readonly').objectStore(name).count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
          count.onerror = () => reject(count.error ?? new Error('IndexedDB count failed'));
        };
      }),
    store,
  );
}

/** Chunks still waiting in the booth's IndexedDB. */
export function storedChunks(page: Page): Promise<number> {
  return storedRecords(page, 'chunks');
}

/** The appeal with this number and the state of its video, or null while no appeal has the number. */
export function appealMedia(
  database: string,
  registrationNumber: string,
): { mediaState: string | null; failure: string | null } | null {
  const db = new Database(database, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(
        `select m.state as state, m.failure_reason as failure from appeals a
         left join media_files m on m.id = a.media_id where a.registration_number = ?`,
      )
      .get(registrationNumber) as { state: string | null; failure: string | null } | undefined;
    return row ? { mediaState: row.state, failure: row.failure } : null;
  } finally {
    db.close();
  }
}

/** Polls `probe` until it returns something truthy; fails with `what` (and the last value) after `ms`. */
export async function eventually<T>(what: string, ms: number, probe: () => T | Promise<T>): Promise<T> {
  const until = Date.now() + ms;
  let last: T | undefined;
  while (Date.now() < until) {
    last = await probe();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} within ${ms / 1000} s (last: ${JSON.stringify(last)})`);
}

/** What the booth's own requests carry: its credential (when paired) and the uploader cookie (when not). */
export async function boothHeaders(page: Page, base: string): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  const token = await page.evaluate(() => localStorage.getItem('dialog.kiosk.token'));
  if (token) headers.authorization = `Bearer ${JSON.parse(token) as string}`;
  const cookies = await page.context().cookies(new URL('/api/uploads', base).toString());
  if (cookies.length > 0) headers.cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return headers;
}
