// A QR code drawn as one SVG path (uqr does the encoding), so it prints crisply on a thermal roll.
import { encode } from 'uqr';

/** The SVG path of the dark modules, one unit per module, offset by the quiet zone. */
export function qrPath(modules: boolean[][], border: number): string {
  const parts: string[] = [];
  modules.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) parts.push(`M${x + border} ${y + border}h1v1h-1z`);
    });
  });
  return parts.join('');
}

export function QrCode({ value, label, className }: { value: string; label: string; className?: string }) {
  const { data, size } = encode(value, { ecc: 'M', border: 0 });
  const border = 2;
  const side = size + border * 2;
  return (
    <svg
      className={className}
      viewBox={`0 0 ${side} ${side}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={side} height={side} fill="#fff" />
      <path d={qrPath(data, border)} fill="#000" />
    </svg>
  );
}
