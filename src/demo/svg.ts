// Hand-written SVG: line plots with axes, ticks and a legend. No dependency, output is plain
// well-formed XML (every element closed) so the report is one self-contained file.

/** Escapes text for XML content and attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** 3 significant digits without trailing noise ("0.0123", "1.5e-5"). */
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
}

export interface PlotOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  /** Vertical marker lines (e.g. the chosen λ). */
  markers?: { x: number; color: string; label: string }[];
  yRange?: [number, number];
  /** Logarithmic y axis (values ≤ 0 are left out; ticks at powers of 10). */
  logY?: boolean;
}

const PAD = { left: 58, right: 14, top: 30, bottom: 44 };

/** A line plot of several series sharing the axes; the legend lists series that have a label. */
export function linePlot(series: Series[], o: PlotOptions): string {
  if (o.logY) series = series.map((s) => ({ ...s, y: s.y.map((v) => (v > 0 ? Math.log10(v) : NaN)) }));
  const legend = series.filter((s) => s.label).slice(0, 16);
  // The legend gets its own column right of the plot area, so it never hides a line.
  const legendW = legend.length ? 112 : 0;
  const W = (o.width ?? 420) + legendW, H = o.height ?? 300;
  const right = PAD.right + legendW;
  const xs = series.flatMap((s) => s.x).concat((o.markers ?? []).map((m) => m.x)).filter(Number.isFinite);
  const ys = series.flatMap((s) => s.y).filter(Number.isFinite);
  let [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = o.yRange ?? [Math.min(...ys), Math.max(...ys)];
  if (!(x1 > x0)) [x0, x1] = [x0 - 1, x0 + 1];
  if (!(y1 > y0)) [y0, y1] = [y0 - 1, y0 + 1];
  const padY = (y1 - y0) * 0.04;
  if (!o.yRange) [y0, y1] = [y0 - padY, y1 + padY];
  const px = (x: number) => PAD.left + ((x - x0) / (x1 - x0)) * (W - PAD.left - right);
  const py = (y: number) => H - PAD.bottom - ((y - y0) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<text x="${(PAD.left + W - right) / 2}" y="16" text-anchor="middle" font-size="13" font-weight="bold">${esc(o.title)}</text>`,
    `<rect x="${PAD.left}" y="${PAD.top}" width="${W - PAD.left - right}" height="${H - PAD.top - PAD.bottom}" fill="none" stroke="#999"/>`,
  ];
  for (const t of niceTicks(x0, x1)) {
    parts.push(`<line x1="${px(t).toFixed(1)}" y1="${H - PAD.bottom}" x2="${px(t).toFixed(1)}" y2="${H - PAD.bottom + 4}" stroke="#666"/>`,
      `<text x="${px(t).toFixed(1)}" y="${H - PAD.bottom + 15}" text-anchor="middle">${esc(num(t))}</text>`);
  }
  const allTicks = niceTicks(y0, y1), decades = allTicks.filter(Number.isInteger);
  const yTicks = o.logY && decades.length >= 2 ? decades : allTicks;
  for (const t of yTicks) {
    parts.push(`<line x1="${PAD.left - 4}" y1="${py(t).toFixed(1)}" x2="${PAD.left}" y2="${py(t).toFixed(1)}" stroke="#666"/>`,
      `<text x="${PAD.left - 6}" y="${(py(t) + 4).toFixed(1)}" text-anchor="end">${esc(num(o.logY ? 10 ** t : t))}</text>`);
  }
  parts.push(`<text x="${(PAD.left + W - right) / 2}" y="${H - 8}" text-anchor="middle">${esc(o.xLabel)}</text>`,
    `<text transform="translate(14 ${(PAD.top + H - PAD.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(o.yLabel)}</text>`);
  for (const m of o.markers ?? [])
    parts.push(`<line x1="${px(m.x).toFixed(1)}" y1="${PAD.top}" x2="${px(m.x).toFixed(1)}" y2="${H - PAD.bottom}" stroke="${m.color}" stroke-dasharray="4 3"><title>${esc(m.label)}</title></line>`);
  for (const s of series) {
    const pts = s.x.map((x, i) => [x, s.y[i]!] as const).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    if (pts.length === 0) continue;
    const d = pts.map(([x, y], i) => `${i ? 'L' : 'M'}${px(x).toFixed(1)} ${py(y).toFixed(1)}`).join('');
    parts.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="${s.width ?? 1.5}"${s.dashed ? ' stroke-dasharray="5 3"' : ''}>` +
      `${s.label ? `<title>${esc(s.label)}</title>` : ''}</path>`);
  }
  legend.forEach((s, i) => {
    const y = PAD.top + 10 + i * 14, x = W - legendW;
    parts.push(`<line x1="${x}" y1="${y - 4}" x2="${x + 14}" y2="${y - 4}" stroke="${s.color}" stroke-width="2"/>`,
      `<text x="${x + 18}" y="${y}">${esc(s.label!.length > 14 ? s.label!.slice(0, 13) + '…' : s.label!)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** A categorical palette (colour-blind friendly, Okabe–Ito plus greys) cycled by index. */
export function color(i: number): string {
  const p = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442', '#999999', '#8B4513'];
  return p[i % p.length]!;
}
