// The receipt as a PDF, written by hand (no PDF library is installed, and the booth prints HTML): one page with the
// receipt drawn as a JPEG (any script the browser can draw — Kazakh, Russian — appears as drawn) and an invisible
// text layer with the Latin parts (number, code, dates, address) so the file can be searched and copied.

/** The PDF's text layer uses a standard font in WinAnsi: anything outside printable ASCII becomes '?'. */
export function pdfString(text: string): string {
  const ascii = [...text].map((ch) => (ch >= ' ' && ch <= '~' ? ch : '?')).join('');
  return `(${ascii.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

export interface ReceiptPdfInput {
  /** The receipt drawn on a canvas, as JPEG bytes (baseline). */
  jpeg: Uint8Array;
  widthPx: number;
  heightPx: number;
  /** Lines of the searchable layer, top to bottom. */
  text: string[];
  title: string;
}

const A4_WIDTH = 595.28;
const MARGIN = 36;

/** A one-page PDF 1.4: the image fitted to A4's width, the text layer behind it (render mode 3: invisible). */
export function buildReceiptPdf(input: ReceiptPdfInput): Uint8Array {
  const encoder = new TextEncoder();
  const imageWidth = A4_WIDTH - 2 * MARGIN;
  const imageHeight = (imageWidth * input.heightPx) / input.widthPx;
  const pageHeight = Math.max(200, imageHeight + 2 * MARGIN);
  const fmt = (n: number) => n.toFixed(2);
  const textOps = input.text
    .map(
      (line, i) =>
        `BT /F1 10 Tf 3 Tr ${fmt(MARGIN)} ${fmt(pageHeight - MARGIN - 12 - i * 14)} Td ${pdfString(line)} Tj ET`,
    )
    .join('\n');
  const content = `${textOps}\nq ${fmt(imageWidth)} 0 0 ${fmt(imageHeight)} ${fmt(MARGIN)} ${fmt(MARGIN)} cm /Im1 Do Q\n`;
  const contentBytes = encoder.encode(content);

  const parts: Uint8Array[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (chunk: Uint8Array | string) => {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    parts.push(bytes);
    length += bytes.length;
  };
  const object = (n: number, body: string, stream?: Uint8Array) => {
    offsets[n] = length;
    push(`${n} 0 obj\n${body}\n`);
    if (stream) {
      push('stream\n');
      push(stream);
      push('\nendstream\n');
    }
    push('endobj\n');
  };

  push('%PDF-1.4\n');
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  object(
    3,
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${fmt(A4_WIDTH)} ${fmt(pageHeight)}] ` +
      '/Resources << /Font << /F1 4 0 R >> /XObject << /Im1 5 0 R >> >> /Contents 6 0 R >>',
  );
  object(4, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  object(
    5,
    `<< /Type /XObject /Subtype /Image /Width ${input.widthPx} /Height ${input.heightPx} ` +
      `/ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${input.jpeg.length} >>`,
    input.jpeg,
  );
  object(6, `<< /Length ${contentBytes.length} >>`, contentBytes);
  object(7, `<< /Title ${pdfString(input.title)} /Producer (Dialog) >>`);

  const xref = length;
  const rows = offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`);
  push(`xref\n0 ${offsets.length}\n0000000000 65535 f \n${rows.join('')}`);
  push(`trailer\n<< /Size ${offsets.length} /Root 1 0 R /Info 7 0 R >>\nstartxref\n${xref}\n%%EOF\n`);

  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
