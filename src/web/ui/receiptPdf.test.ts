// The hand-written receipt PDF read back by poppler's pdftotext and pdfinfo (installed by scripts/setup-test.sh),
// with a real JPEG made by ffmpeg: a reader finds the page, the picture and the searchable text.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReceiptPdf, pdfString } from './receiptPdf.js';

function jpeg(width: number, height: number): Uint8Array {
  const file = path.join(os.tmpdir(), `dialog-receipt-${width}x${height}.jpg`);
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc=size=${width}x${height}`,
    '-frames:v',
    '1',
    file,
  ]);
  return new Uint8Array(fs.readFileSync(file));
}

function writePdf(bytes: Uint8Array): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dialog-pdf-')), 'receipt.pdf');
  fs.writeFileSync(file, bytes);
  return file;
}

describe('the receipt PDF', () => {
  it('has one page with the picture and the number, code and address as text', () => {
    const file = writePdf(
      buildReceiptPdf({
        jpeg: jpeg(620, 900),
        widthPx: 620,
        heightPx: 900,
        text: [
          'Registration number 261118-0001',
          'Access code 7K2QF-9M4XA',
          'https://dialog.example.kz/?n=261118-0001',
        ],
        title: 'Receipt 261118-0001',
      }),
    );
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain('261118-0001');
    expect(text).toContain('7K2QF-9M4XA');
    expect(text).toContain('https://dialog.example.kz/?n=261118-0001');
    const info = execFileSync('pdfinfo', [file]).toString();
    expect(info).toMatch(/Pages:\s+1/);
    expect(info).toMatch(/Title:\s+Receipt 261118-0001/);
    // pdfimages lists the one embedded JPEG at its size.
    const images = execFileSync('pdfimages', ['-list', file]).toString();
    expect(images).toMatch(/620\s+900\s+rgb\s+3\s+8\s+jpeg/);
  });

  it('keeps the cross-reference table right, so strict readers open it without repair', () => {
    const bytes = buildReceiptPdf({ jpeg: jpeg(64, 48), widthPx: 64, heightPx: 48, text: ['x'], title: 't' });
    const latin1 = Buffer.from(bytes).toString('latin1');
    const xref = Number(/startxref\n(\d+)\n/.exec(latin1)![1]);
    expect(latin1.slice(xref, xref + 4)).toBe('xref');
    const offsets = [...latin1.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((offset, i) => expect(latin1.slice(offset, offset + 8)).toBe(`${i + 1} 0 obj\n`));
    // pdfinfo complains on stderr about a broken xref; it must stay quiet.
    const file = writePdf(bytes);
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info.stdout).toContain('Pages:');
    expect(info.stderr).toBe('');
  });

  it('escapes brackets and backslashes and replaces what WinAnsi text cannot hold', () => {
    expect(pdfString('a(b)c\\d')).toBe('(a\\(b\\)c\\\\d)');
    expect(pdfString('Тіркеу № 1')).toBe('(?????? ? 1)');
  });
});
