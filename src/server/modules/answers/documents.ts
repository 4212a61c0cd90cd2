// Documents staff put on an appeal (an answer's, or internal attachments): what a file is, told from its first bytes
// and never from its name or declared type; read with a size limit; stored under a name the type agrees with.
import type { Readable } from 'node:stream';
import { FILE_NAME_MAX_LENGTH, type DocumentType } from '../../../common/answers.js';
import { Problem } from '../../errors.js';

interface Signature {
  mime: DocumentType;
  ext: string;
  /** Other extensions a person may have named such a file with. */
  aliases: readonly string[];
  test(head: Buffer): boolean;
}

const SIGNATURES: readonly Signature[] = [
  {
    mime: 'application/pdf',
    ext: 'pdf',
    aliases: [],
    // "%PDF-1.x" at the very start (readers tolerate junk before it; we do not).
    test: (b) =>
      b.subarray(0, 5).toString('latin1') === '%PDF-' &&
      /^[12]\.\d/.test(b.subarray(5, 8).toString('latin1')),
  },
  {
    mime: 'image/jpeg',
    ext: 'jpg',
    aliases: ['jpeg', 'jpe'],
    test: (b) => b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  },
  {
    mime: 'image/png',
    ext: 'png',
    aliases: [],
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
];

/** The document's type by its content, or null when it is not a PDF, JPEG or PNG. */
export function sniffDocument(bytes: Buffer): { mime: DocumentType; ext: string } | null {
  const found = SIGNATURES.find((s) => s.test(bytes));
  return found ? { mime: found.mime, ext: found.ext } : null;
}

// eslint-disable-next-line no-control-regex -- control characters have no place in a file name
const UNSAFE_NAME = /[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\\/:*?"<>|]/g;

/**
 * A file name to store and offer for download: no path, no control or direction characters, not too long, and an
 * extension that says what the content is ("scan.pdf" that is a PNG becomes "scan.pdf.png").
 */
export function documentName(given: string | undefined, mime: DocumentType): string {
  const signature = SIGNATURES.find((s) => s.mime === mime);
  const ext = signature?.ext ?? 'bin';
  const base =
    (given ?? '')
      .split(/[\\/]/)
      .pop()
      ?.replace(UNSAFE_NAME, '_')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^\.+/, '') ?? '';
  const dot = base.lastIndexOf('.');
  const current = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  const agrees = current === ext || (signature?.aliases.includes(current) ?? false);
  const stem = base === '' ? 'document' : base;
  const suffix = agrees ? '' : `.${ext}`;
  return `${stem.slice(0, FILE_NAME_MAX_LENGTH - suffix.length)}${suffix}`;
}

/**
 * Reads an uploaded body whole, refusing it (413 document-too-large) as soon as it passes `maxBytes`, before or while
 * it arrives; an empty body is no document.
 */
export async function readDocument(
  body: Readable | Buffer | null | undefined,
  declaredLength: string | undefined,
  maxBytes: number,
): Promise<Buffer> {
  const tooLarge = () => new Problem('document-too-large', `A document may be at most ${maxBytes} bytes.`);
  if (declaredLength !== undefined && Number(declaredLength) > maxBytes) {
    // The rest of the body is not read: the connection's own limits end it.
    if (body && !Buffer.isBuffer(body)) body.resume();
    throw tooLarge();
  }
  let bytes: Buffer;
  if (!body) bytes = Buffer.alloc(0);
  else if (Buffer.isBuffer(body)) bytes = body;
  else {
    const parts: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      const part = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      size += part.length;
      if (size > maxBytes) {
        body.resume();
        throw tooLarge();
      }
      parts.push(part);
    }
    bytes = Buffer.concat(parts);
  }
  if (bytes.length > maxBytes) throw tooLarge();
  if (bytes.length === 0) throw new Problem('document-type-rejected', 'The file is empty.');
  return bytes;
}

/** The document's bytes and what they are, or 415 document-type-rejected. */
export function checkDocument(bytes: Buffer, givenName: string | undefined) {
  const type = sniffDocument(bytes);
  if (!type)
    throw new Problem('document-type-rejected', 'Only PDF documents and JPEG or PNG images are accepted.');
  return { mime: type.mime, name: documentName(givenName, type.mime) };
}
