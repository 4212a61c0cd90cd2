// What a staff document is, told by its first bytes; and the name it is stored and offered under.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Problem } from '../../errors.js';
import { checkDocument, documentName, readDocument, sniffDocument } from './documents.js';
import { SAMPLE_JPEG, SAMPLE_PDF, SAMPLE_PNG } from './fixtures.js';

describe('staff documents', () => {
  it('tells PDF, JPEG and PNG by their first bytes', () => {
    expect(sniffDocument(SAMPLE_PDF)).toEqual({ mime: 'application/pdf', ext: 'pdf' });
    expect(sniffDocument(SAMPLE_JPEG)).toEqual({ mime: 'image/jpeg', ext: 'jpg' });
    expect(sniffDocument(SAMPLE_PNG)).toEqual({ mime: 'image/png', ext: 'png' });
  });

  it.each([
    ['HTML', Buffer.from('<html><script>alert(1)</script></html>')],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00')],
    ['a ZIP (a .docx)', Buffer.from('PK\x03\x04\x14\x00\x06\x00')],
    ['an EXE', Buffer.from('MZ\x90\x00\x03\x00')],
    ['a PDF header after junk', Buffer.from('junk%PDF-1.4\n')],
    ['"%PDF-" without a version', Buffer.from('%PDF-<script>')],
    ['a truncated PNG signature', Buffer.from([0x89, 0x50, 0x4e, 0x47])],
  ])('refuses %s whatever it is called', (_name, bytes) => {
    expect(sniffDocument(bytes)).toBeNull();
    expect(() => checkDocument(bytes, 'letter.pdf')).toThrow(Problem);
  });

  it('names a file after what it is, without paths or control characters', () => {
    expect(documentName('Ответ №5.pdf', 'application/pdf')).toBe('Ответ №5.pdf');
    expect(documentName('photo.JPEG', 'image/jpeg')).toBe('photo.JPEG');
    expect(documentName('scan.pdf', 'image/png')).toBe('scan.pdf.png');
    expect(documentName('..\\..\\windows/system32/evil.pdf', 'application/pdf')).toBe('evil.pdf');
    expect(documentName('a\u202egnp.exe', 'image/png')).toBe('a_gnp.exe.png');
    expect(documentName('x"; filename=evil.html', 'application/pdf')).toBe('x_; filename=evil.html.pdf');
    expect(documentName('', 'application/pdf')).toBe('document.pdf');
    expect(documentName('.hidden', 'application/pdf')).toBe('hidden.pdf');
    expect(documentName('a'.repeat(500), 'application/pdf')).toHaveLength(200);
  });

  it('refuses a body over the limit, declared or streamed, and an empty one', async () => {
    const slug = async (work: Promise<unknown>) =>
      work.then(
        () => 'accepted',
        (e: unknown) => (e instanceof Problem ? e.slug : 'other'),
      );
    expect(await slug(readDocument(Readable.from([Buffer.alloc(10)]), '5000', 4096))).toBe(
      'document-too-large',
    );
    expect(
      await slug(readDocument(Readable.from([Buffer.alloc(3000), Buffer.alloc(3000)]), undefined, 4096)),
    ).toBe('document-too-large');
    expect(await slug(readDocument(undefined, undefined, 4096))).toBe('document-type-rejected');
    expect(await readDocument(Readable.from([SAMPLE_PDF]), String(SAMPLE_PDF.length), 4096)).toEqual(
      SAMPLE_PDF,
    );
  });
});
