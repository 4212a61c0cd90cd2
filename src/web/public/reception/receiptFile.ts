// The receipt drawn on a canvas (the browser's fonts draw every language) and wrapped in a one-page PDF with a
// searchable Latin text layer (ui/receiptPdf.ts). Chromium-free: any browser with a canvas makes it.
import { encode } from 'uqr';
import type { Receipt } from '../../ui/api.js';
import { buildReceiptPdf } from '../../ui/receiptPdf.js';

export interface ReceiptLines {
  title: string;
  /** Label → value pairs, in order. */
  facts: [string, string][];
  warning: string;
  qrCaption: string;
  url: string;
}

const WIDTH = 1000;
const PAD = 60;

function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Draws the receipt; returns the canvas (its height fits the content). */
function draw(lines: ReceiptLines): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  const font = (size: number, weight = 400) =>
    `${weight} ${size}px system-ui, "DejaVu Sans", Arial, sans-serif`;
  // Lay out once to measure, then draw at the measured height.
  const layout = (ctx: CanvasRenderingContext2D, paint: boolean): number => {
    let y = PAD;
    const text = (value: string, size: number, weight = 400, color = '#000') => {
      ctx.font = font(size, weight);
      ctx.fillStyle = color;
      for (const line of wrap(ctx, value, WIDTH - 2 * PAD)) {
        y += size * 1.3;
        if (paint) ctx.fillText(line, PAD, y);
      }
    };
    text(lines.title, 44, 700);
    y += 20;
    for (const [label, value] of lines.facts) {
      text(label, 26, 400, '#444');
      text(value, 36, 700);
      y += 14;
    }
    y += 10;
    text(lines.warning, 28, 700, '#8a1c00');
    y += 30;
    const { data, size } = encode(lines.url, { ecc: 'M', border: 0 });
    const cell = Math.floor(300 / size);
    if (paint) {
      ctx.fillStyle = '#000';
      data.forEach((row, r) =>
        row.forEach((dark, c) => {
          if (dark) ctx.fillRect(PAD + c * cell, y + r * cell, cell, cell);
        }),
      );
    }
    y += size * cell + 10;
    text(lines.qrCaption, 26);
    text(lines.url, 26, 400, '#444');
    return y + PAD;
  };
  const probe = canvas.getContext('2d')!;
  const height = Math.ceil(layout(probe, false));
  canvas.width = WIDTH;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, WIDTH, height);
  ctx.textBaseline = 'alphabetic';
  layout(ctx, true);
  return canvas;
}

function jpegOf(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => {
        if (!blob) return reject(new Error('the receipt could not be drawn'));
        blob.arrayBuffer().then((b) => resolve(new Uint8Array(b)), reject);
      },
      'image/jpeg',
      0.92,
    );
  });
}

/** The PDF of the receipt: the drawing, and behind it the number, code, dates and address as text. */
export async function receiptPdf(receipt: Receipt, accessCode: string, lines: ReceiptLines): Promise<Blob> {
  const canvas = draw(lines);
  const jpeg = await jpegOf(canvas);
  const bytes = buildReceiptPdf({
    jpeg,
    widthPx: canvas.width,
    heightPx: canvas.height,
    title: `Dialog ${receipt.registrationNumber}`,
    text: [
      `Registration number: ${receipt.registrationNumber}`,
      `Access code: ${accessCode}`,
      `Registered: ${receipt.registeredAt.slice(0, 10)}`,
      `Answer due by: ${receipt.deadlineOn}`,
      lines.url,
    ],
  });
  return new Blob([bytes as BlobPart], { type: 'application/pdf' });
}
