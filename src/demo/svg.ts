// Hand-written SVG: line plots (with error bars, marker lines and reference lines) and dot plots,
// each with axes, ticks and a legend in its own column. No dependency: the output is plain
// well-formed XML (every element closed), so the report stays one self-contained file. Every SVG
// scales down with its container (max-width: 100%), and the browser test checks the layout.

/** Escapes text for XML content and attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** 3 significant digits without trailing noise ("0.0123", "1.5e-5"), for tick labels. */
export function num(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e5 ? String(Number(x.toPrecision(3))) : x.toExponential(1);
}

/** About `count` round tick values covering [min, max] (steps of 1, 2 or 5 × 10^k). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step - 1e-9) * step; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

export interface Series {
  x: number[];
  y: number[];
  color: string;
  label?: string;
  width?: number;
  dashed?: boolean;
  /** ± half-widths drawn as vertical error bars (e.g. standard errors). */
  err?: number[];
  /** Draw a dot at every point. */
  dots?: boolean;
}

/** A vertical line at x (e.g. a chosen λ) or a horizontal one at y (e.g. a baseline); both go in the legend. */
export interface RefLine { at: number; color: string; label: string }

export interface PlotOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  markers?: RefLine[];
  hlines?: RefLine[];
  /** Fixed y range: what falls outside is clipped at the frame (the frame then says so in the title). */
  yRange?: [number, number];
  /** Logarithmic y axis (values ≤ 0 are left out; ticks at powers of 10). */
  logY?: boolean;
}

const PAD = { left: 58, right: 14, top: 30, bottom: 44 };
const LEGEND_W = 150;
const LEGEND_CHARS = 22;

interface Frame { W: number; H: number; right: number; px: (x: number) => number; py: (y: number) => number; parts: string[] }

/** A stable id for the clip path, unique per title in one report. */
function idOf(title: string): string {
  let h = 0;
  for (const c of title) h = (h * 31 + c.codePointAt(0)!) >>> 0;
  return `clip${h.toString(36)}`;
}

/** The SVG element, title, frame, ticks and axis labels shared by both plot kinds. */
function frame(o: PlotOptions, legendRows: number, x: [number, number], y: [number, number], xTicks: { at: number; text: string }[]): Frame {
  const legendW = legendRows ? LEGEND_W : 0;
  const W = (o.width ?? 420) + legendW, H = Math.max(o.height ?? 300, PAD.top + 16 + legendRows * 14);
  const right = PAD.right + legendW;
  const [x0, x1] = x, [y0, y1] = y;
  const px = (v: number) => PAD.left + ((v - x0) / (x1 - x0)) * (W - PAD.left - right);
  const py = (v: number) => H - PAD.bottom - ((v - y0) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const plotW = W - PAD.left - right, plotH = H - PAD.top - PAD.bottom;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" style="max-width: 100%; height: auto" font-family="sans-serif" font-size="11" role="img">`,
    `<title>${esc(o.title)}</title>`,
    `<defs><clipPath id="${idOf(o.title)}"><rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}"/></clipPath></defs>`,
    `<text x="${(PAD.left + W - right) / 2}" y="16" text-anchor="middle" font-size="13" font-weight="bold">${esc(o.title)}</text>`,
    `<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`,
  ];
  for (const t of xTicks)
    parts.push(`<line x1="${px(t.at).toFixed(1)}" y1="${H - PAD.bottom}" x2="${px(t.at).toFixed(1)}" y2="${H - PAD.bottom + 4}" stroke="#666"/>`,
      `<text x="${px(t.at).toFixed(1)}" y="${H - PAD.bottom + 15}" text-anchor="middle">${esc(t.text)}</text>`);
  const allTicks = niceTicks(y0, y1), decades = allTicks.filter(Number.isInteger);
  const yTicks = o.logY && decades.length >= 2 ? decades : allTicks;
  for (const t of yTicks)
    parts.push(`<line x1="${PAD.left - 4}" y1="${py(t).toFixed(1)}" x2="${PAD.left}" y2="${py(t).toFixed(1)}" stroke="#666"/>`,
      `<text x="${PAD.left - 6}" y="${(py(t) + 4).toFixed(1)}" text-anchor="end">${esc(num(o.logY ? 10 ** t : t))}</text>`);
  parts.push(`<text x="${(PAD.left + W - right) / 2}" y="${H - 8}" text-anchor="middle">${esc(o.xLabel)}</text>`,
    `<text transform="translate(14 ${(PAD.top + H - PAD.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(o.yLabel)}</text>`);
  return { W, H, right, px, py, parts };
}

interface LegendRow { color: string; label: string; dashed?: boolean; dot?: boolean }

function legend(f: Frame, rows: LegendRow[]): void {
  rows.forEach((r, i) => {
    const y = PAD.top + 10 + i * 14, x = f.W - LEGEND_W + 6;
    const text = r.label.length > LEGEND_CHARS ? r.label.slice(0, LEGEND_CHARS - 1) + '…' : r.label;
    f.parts.push(r.dot
      ? `<circle cx="${x + 7}" cy="${y - 4}" r="3.5" fill="${r.color}"/>`
      : `<line x1="${x}" y1="${y - 4}" x2="${x + 14}" y2="${y - 4}" stroke="${r.color}" stroke-width="2"${r.dashed ? ' stroke-dasharray="4 3"' : ''}/>`,
    `<text x="${x + 18}" y="${y}">${esc(text)}<title>${esc(r.label)}</title></text>`);
  });
}

function range(values: number[]): [number, number] {
  const v = values.filter(Number.isFinite);
  let [a, b] = v.length ? [Math.min(...v), Math.max(...v)] : [0, 1];
  if (!(b > a)) [a, b] = [a - 1, a + 1];
  return [a, b];
}

/** A line plot of several series sharing the axes; the legend lists labelled series and reference lines. */
export function linePlot(series: Series[], o: PlotOptions): string {
  if (o.logY) series = series.map((s) => ({ ...s, y: s.y.map((v) => (v > 0 ? Math.log10(v) : NaN)), err: undefined }));
  const markers = o.markers ?? [], hlines = o.hlines ?? [];
  const rows: LegendRow[] = [
    ...series.filter((s) => s.label).map((s) => ({ color: s.color, label: s.label!, dashed: s.dashed })),
    ...[...markers, ...hlines].map((m) => ({ color: m.color, label: m.label, dashed: true })),
  ].slice(0, 18);
  // 2% of air on both sides, so a marker at the end of the range never sits on the frame.
  const xr = range([...series.flatMap((s) => s.x), ...markers.map((m) => m.at)]);
  const x: [number, number] = [xr[0] - (xr[1] - xr[0]) * 0.02, xr[1] + (xr[1] - xr[0]) * 0.02];
  let y = o.yRange ?? range([...series.flatMap((s) => s.y.flatMap((v, i) => [v - (s.err?.[i] ?? 0), v + (s.err?.[i] ?? 0)])), ...hlines.map((h) => h.at)]);
  if (!o.yRange) y = [y[0] - (y[1] - y[0]) * 0.04, y[1] + (y[1] - y[0]) * 0.04];
  const f = frame(o, rows.length, x, y, niceTicks(x[0], x[1]).map((t) => ({ at: t, text: num(t) })));
  const { px, py, parts, H } = f;
  const clip = `clip-path="url(#${idOf(o.title)})"`;
  for (const m of markers)
    parts.push(`<line x1="${px(m.at).toFixed(1)}" y1="${PAD.top}" x2="${px(m.at).toFixed(1)}" y2="${H - PAD.bottom}" stroke="${m.color}" stroke-width="1.5" stroke-dasharray="5 3"><title>${esc(m.label)}</title></line>`);
  for (const h of hlines)
    parts.push(`<line x1="${PAD.left}" y1="${py(h.at).toFixed(1)}" x2="${f.W - f.right}" y2="${py(h.at).toFixed(1)}" stroke="${h.color}" stroke-width="1.5" stroke-dasharray="5 3" ${clip}><title>${esc(h.label)}</title></line>`);
  for (const s of series) {
    const pts = s.x.map((xv, i) => [xv, s.y[i]!, s.err?.[i] ?? 0] as const).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
    if (pts.length === 0) continue;
    const d = pts.map(([a, b], i) => `${i ? 'L' : 'M'}${px(a).toFixed(1)} ${py(b).toFixed(1)}`).join('');
    parts.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="${s.width ?? 1.5}"${s.dashed ? ' stroke-dasharray="5 3"' : ''} ${clip}>` +
      `${s.label ? `<title>${esc(s.label)}</title>` : ''}</path>`);
    for (const [a, b, e] of pts) {
      if (e > 0) parts.push(`<line x1="${px(a).toFixed(1)}" y1="${py(b - e).toFixed(1)}" x2="${px(a).toFixed(1)}" y2="${py(b + e).toFixed(1)}" stroke="${s.color}" ${clip}/>`);
      if (s.dots) parts.push(`<circle cx="${px(a).toFixed(1)}" cy="${py(b).toFixed(1)}" r="2.2" fill="${s.color}" ${clip}/>`);
    }
  }
  legend(f, rows);
  parts.push('</svg>');
  return parts.join('\n');
}

/** One row of a dot plot: a value per category (NaN leaves a gap). */
export interface DotSeries { label: string; color: string; values: number[] }

/**
 * A dot plot: categories along x, one coloured dot per series and category, side by side. Dots need
 * no zero baseline, so the y axis can zoom in on the values (unlike bars).
 */
export function dotPlot(categories: string[], series: DotSeries[], o: PlotOptions): string {
  const rows: LegendRow[] = series.map((s) => ({ color: s.color, label: s.label, dot: true }));
  let y = o.yRange ?? range(series.flatMap((s) => s.values));
  if (!o.yRange) y = [y[0] - (y[1] - y[0]) * 0.08, y[1] + (y[1] - y[0]) * 0.08];
  const f = frame({ ...o, logY: false }, rows.length, [-0.5, categories.length - 0.5], y, categories.map((c, i) => ({ at: i, text: c })));
  const { px, py, parts } = f;
  const step = Math.min(0.7 / Math.max(1, series.length), 0.2);
  series.forEach((s, k) => {
    const dx = (k - (series.length - 1) / 2) * step;
    s.values.forEach((v, i) => {
      if (Number.isFinite(v))
        parts.push(`<circle cx="${px(i + dx).toFixed(1)}" cy="${py(v).toFixed(1)}" r="4" fill="${s.color}"><title>${esc(`${categories[i]}, ${s.label}: ${num(v)}`)}</title></circle>`);
    });
  });
  legend(f, rows);
  parts.push('</svg>');
  return parts.join('\n');
}

/** A categorical palette (colour-blind friendly, Okabe–Ito) cycled by index; no colour too faint on white. */
export function color(i: number): string {
  const p = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#B8860B', '#56B4E9', '#000000', '#999999', '#8B4513', '#6A3D9A'];
  return p[i % p.length]!;
}
