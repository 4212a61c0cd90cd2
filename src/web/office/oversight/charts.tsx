// Charts as inline SVG, no library: each is an image with a title and a description for screen readers, a legend,
// and its numbers as a table one click away. Colour is never the only cue: every series has its own line pattern and
// marker, every bar part its own fill pattern, and the parts are labelled with their numbers.
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Series {
  label: string;
  values: number[];
  /** 'solid' | 'dashed' | 'dotted': the line's pattern; the marker differs too. */
  style: 'solid' | 'dashed' | 'dotted';
  colour: string;
}

const DASH = { solid: undefined, dashed: '8 4', dotted: '2 4' } as const;

function Marker({ x, y, style, colour }: { x: number; y: number; style: Series['style']; colour: string }) {
  if (style === 'solid') return <circle cx={x} cy={y} r={3.5} fill={colour} />;
  if (style === 'dashed') return <rect x={x - 3.5} y={y - 3.5} width={7} height={7} fill={colour} />;
  return <path d={`M${x},${y - 4.5} L${x + 4.5},${y + 3.5} L${x - 4.5},${y + 3.5} Z`} fill={colour} />;
}

function LegendSwatch({ children }: { children: ReactNode }) {
  return (
    <svg width="34" height="14" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

/** The frame every chart shares: the figure, its caption, the legend and the numbers behind a button. */
export function ChartFrame({
  title,
  desc,
  legend,
  table,
  children,
  testId,
  height = H,
}: {
  title: string;
  desc: string;
  legend?: ReactNode;
  table: ReactNode;
  /** The drawing, inside an <svg> of width W named by the title and description. */
  children: ReactNode;
  testId?: string;
  height?: number;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <svg
        viewBox={`0 0 ${W} ${height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="chart-svg"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        {children}
      </svg>
      {legend ? <ul className="chart-legend">{legend}</ul> : null}
      <button
        type="button"
        className="link-button"
        aria-expanded={open}
        aria-controls={`${id}-numbers`}
        onClick={() => setOpen(!open)}
      >
        {open ? t('office.oversight.chart.hideNumbers') : t('office.oversight.chart.showNumbers')}
      </button>
      <div id={`${id}-numbers`} hidden={!open}>
        {table}
      </div>
      <p className="visually-hidden">{desc}</p>
    </figure>
  );
}

const W = 720;
const H = 240;
const PAD = { left: 44, right: 16, top: 16, bottom: 36 };

function niceMax(n: number): number {
  if (n <= 5) return 5;
  const step = 10 ** Math.floor(Math.log10(n));
  return Math.ceil(n / step) * step;
}

/** A time series: one line per series over the x labels (days). */
export function LineChart({
  title,
  desc,
  labels,
  series,
  table,
  formatLabel,
}: {
  title: string;
  desc: string;
  labels: string[];
  series: Series[];
  table: ReactNode;
  formatLabel: (label: string) => string;
}) {
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (labels.length <= 1 ? plotW / 2 : (plotW * i) / (labels.length - 1));
  const y = (v: number) => PAD.top + plotH - (plotH * v) / max;
  const ticks = max % 2 === 0 ? [0, max / 2, max] : [0, max];
  const every = Math.max(1, Math.ceil(labels.length / 6));
  return (
    <ChartFrame
      title={title}
      desc={desc}
      table={table}
      testId="chart-series"
      legend={series.map((s) => (
        <li key={s.label}>
          <LegendSwatch>
            <line
              x1="2"
              y1="7"
              x2="32"
              y2="7"
              stroke={s.colour}
              strokeWidth="2.5"
              strokeDasharray={DASH[s.style]}
            />
            <Marker x={17} y={7} style={s.style} colour={s.colour} />
          </LegendSwatch>
          {s.label}
        </li>
      ))}
    >
      <>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="grid" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="axis">
              {v}
            </text>
          </g>
        ))}
        {labels.map((label, i) =>
          // Every `every`-th day, and the last one unless it would sit on its neighbour's label.
          i % every === 0 || (i === labels.length - 1 && i % every >= every / 2) ? (
            <text
              key={label}
              x={x(i)}
              y={H - 12}
              textAnchor={
                i === 0 && labels.length > 1 ? 'start' : i === labels.length - 1 && i > 0 ? 'end' : 'middle'
              }
              className="axis"
            >
              {formatLabel(label)}
            </text>
          ) : null,
        )}
        {series.map((s) => (
          <g key={s.label}>
            <polyline
              fill="none"
              stroke={s.colour}
              strokeWidth="2.5"
              strokeDasharray={DASH[s.style]}
              points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')}
            />
            {s.values.length <= 62
              ? s.values.map((v, i) => <Marker key={i} x={x(i)} y={y(v)} style={s.style} colour={s.colour} />)
              : null}
          </g>
        ))}
      </>
    </ChartFrame>
  );
}

export interface StackPart {
  label: string;
  colour: string;
  /** The id of a <pattern> defined in the chart (hatching), or null for a solid fill. */
  pattern: 'solid' | 'hatch' | 'dots';
}

function PatternDefs({ parts, prefix }: { parts: StackPart[]; prefix: string }) {
  return (
    <defs>
      {parts.map((p, i) =>
        p.pattern === 'hatch' ? (
          <pattern
            key={i}
            id={`${prefix}-${i}`}
            width="8"
            height="8"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="8" height="8" fill={p.colour} />
            <line x1="0" y1="0" x2="0" y2="8" stroke="#ffffff" strokeWidth="3" />
          </pattern>
        ) : p.pattern === 'dots' ? (
          <pattern key={i} id={`${prefix}-${i}`} width="6" height="6" patternUnits="userSpaceOnUse">
            <rect width="6" height="6" fill="#eef1f4" />
            <circle cx="3" cy="3" r="1.6" fill={p.colour} />
          </pattern>
        ) : null,
      )}
    </defs>
  );
}

const fillOf = (p: StackPart, prefix: string, i: number) =>
  p.pattern === 'solid' ? p.colour : `url(#${prefix}-${i})`;

/** Horizontal stacked bars: one per row, its parts in order, the name above and the numbers beside each bar. */
export function StackedBars({
  title,
  desc,
  parts,
  rows,
  table,
}: {
  title: string;
  desc: string;
  parts: StackPart[];
  rows: { label: string; values: number[] }[];
  table: ReactNode;
}) {
  const prefix = useId().replace(/:/g, '');
  const rowH = 56;
  const height = Math.max(rowH, rows.length * rowH) + 8;
  const max = Math.max(1, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  const barW = W - 140;
  return (
    <ChartFrame
      title={title}
      desc={desc}
      table={table}
      height={height}
      testId="chart-stacked"
      legend={parts.map((p, i) => (
        <li key={p.label}>
          <svg width="22" height="14" aria-hidden="true" focusable="false">
            <PatternDefs parts={parts} prefix={`${prefix}l`} />
            <rect
              width="22"
              height="14"
              fill={fillOf(p, `${prefix}l`, i)}
              stroke="#1b1f24"
              strokeWidth="0.5"
            />
          </svg>
          {p.label}
        </li>
      ))}
    >
      <>
        <PatternDefs parts={parts} prefix={prefix} />
        {rows.map((r, ri) => {
          let offset = 0;
          const top = ri * rowH + 4;
          return (
            <g key={ri}>
              <text x={0} y={top + 15} className="axis label">
                {r.label}
              </text>
              {r.values.map((v, i) => {
                const w = (barW * v) / max;
                const part = parts[i];
                const rect = part ? (
                  <rect
                    key={i}
                    x={offset}
                    y={top + 18}
                    width={w}
                    height={20}
                    fill={fillOf(part, prefix, i)}
                    stroke="#1b1f24"
                    strokeWidth={w > 0 ? 0.5 : 0}
                  />
                ) : null;
                offset += w;
                return rect;
              })}
              <text x={offset + 8} y={top + 40} className="axis">
                {r.values.join(' / ')}
              </text>
            </g>
          );
        })}
      </>
    </ChartFrame>
  );
}

/** Vertical bars with their values on top (e.g. appeals per hour of the day). */
export function BarChart({
  title,
  desc,
  labels,
  values,
  table,
}: {
  title: string;
  desc: string;
  labels: string[];
  values: number[];
  table: ReactNode;
}) {
  const max = niceMax(Math.max(0, ...values));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, values.length);
  return (
    <ChartFrame title={title} desc={desc} table={table} testId="chart-hours">
      <>
        <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + plotH} y2={PAD.top + plotH} className="grid" />
        {values.map((v, i) => {
          const h = (plotH * v) / max;
          const x = PAD.left + i * slot;
          return (
            <g key={i}>
              <rect
                x={x + slot * 0.15}
                y={PAD.top + plotH - h}
                width={slot * 0.7}
                height={h}
                fill="#005a9e"
              />
              {v > 0 ? (
                <text x={x + slot / 2} y={PAD.top + plotH - h - 4} textAnchor="middle" className="axis">
                  {v}
                </text>
              ) : null}
              {i % 3 === 0 ? (
                <text x={x + slot / 2} y={H - 12} textAnchor="middle" className="axis">
                  {labels[i]}
                </text>
              ) : null}
            </g>
          );
        })}
      </>
    </ChartFrame>
  );
}
