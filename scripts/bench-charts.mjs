// Hand-written SVG charts of a result file (no plotting dependency): small multiples, one panel
// per op, one line per impl. Every figure carries machine, CPU, cores, Node version and date.
import { find, implLabel, kernelOps, provenance, sizeLabel, unique } from './bench-data.mjs';

const PALETTE = {
  js: '#7f7f7f', wasm: '#1f77b4', 'wasm-auto': '#e377c2', 'tfjs-wasm': '#ff7f0e', 'tfjs-cpu': '#d62728', copy: '#000000',
};
const PARALLEL = ['#2ca02c', '#17becf', '#9467bd', '#8c564b', '#bcbd22'];

function colorOf(label, parallelLabels) {
  if (PALETTE[label]) return PALETTE[label];
  const i = parallelLabels.indexOf(label);
  return PARALLEL[(i < 0 ? 0 : i) % PARALLEL.length];
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function fmtTick(v) {
  if (v === 0) return "0";
  if (v >= 1000 || v < 0.01) return v.toExponential(0).replace('e+', 'e');
  return String(Number(v.toPrecision(2)));
}

/** Log-scale ticks: the powers of ten inside [lo, hi] (or lo and hi themselves when none). */
function logTicks(lo, hi) {
  const t = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    const v = 10 ** e;
    if (v >= lo * 0.999 && v <= hi * 1.001) t.push(v);
  }
  return t.length >= 2 ? t : [lo, hi];
}

function linTicks(lo, hi) {
  const step = 10 ** Math.floor(Math.log10((hi - lo) / 4 || 1));
  const m = [1, 2, 5, 10].find((k) => (hi - lo) / (k * step) <= 5) * step;
  const t = [];
  for (let v = Math.ceil(lo / m) * m; v <= hi + 1e-9; v += m) t.push(Number(v.toPrecision(6)));
  return t;
}

/** One panel: axes, ticks, lines. series: [{ label, color, dash?, points: [[x, y]] }]. */
function panel({ x0, y0, w, h, title, series, logY, xs, yLabel }) {
  const pts = series.flatMap((s) => s.points).filter(([, y]) => Number.isFinite(y) && (!logY || y > 0));
  const g = [`<g font-family="sans-serif" font-size="10">`, `<text x="${x0 + w / 2}" y="${y0 - 9}" text-anchor="middle" font-size="11" font-weight="bold">${esc(title)}</text>`];
  g.push(`<rect x="${x0}" y="${y0}" width="${w}" height="${h}" fill="none" stroke="#ccc"/>`);
  if (pts.length === 0) {
    g.push(`<text x="${x0 + w / 2}" y="${y0 + h / 2}" text-anchor="middle" fill="#999">no data</text></g>`);
    return g.join('\n');
  }
  const xlo = Math.min(...xs), xhi = Math.max(...xs);
  let ylo = Math.min(...pts.map((p) => p[1])), yhi = Math.max(...pts.map((p) => p[1]));
  if (logY) {
    ylo = 10 ** Math.floor(Math.log10(ylo));
    yhi = 10 ** Math.ceil(Math.log10(yhi));
  } else {
    ylo = 0;
    yhi = yhi * 1.1 || 1;
  }
  const px = (x) => x0 + (xhi === xlo ? w / 2 : ((Math.log(x) - Math.log(xlo)) / (Math.log(xhi) - Math.log(xlo))) * w);
  const py = (y) => y0 + h - (logY ? (Math.log(y) - Math.log(ylo)) / (Math.log(yhi) - Math.log(ylo)) : (y - ylo) / (yhi - ylo)) * h;
  for (const x of xs) {
    g.push(`<line x1="${px(x)}" x2="${px(x)}" y1="${y0}" y2="${y0 + h}" stroke="#eee"/>`);
    g.push(`<text x="${px(x)}" y="${y0 + h + 12}" text-anchor="middle">${sizeLabel(x)}</text>`);
  }
  for (const y of logY ? logTicks(ylo, yhi) : linTicks(ylo, yhi)) {
    g.push(`<line x1="${x0}" x2="${x0 + w}" y1="${py(y)}" y2="${py(y)}" stroke="#eee"/>`);
    g.push(`<text x="${x0 - 4}" y="${py(y) + 3}" text-anchor="end">${fmtTick(y)}</text>`);
  }
  g.push(`<text x="${x0 - 34}" y="${y0 + h / 2}" text-anchor="middle" transform="rotate(-90 ${x0 - 34} ${y0 + h / 2})">${esc(yLabel)}</text>`);
  for (const s of series) {
    const p = s.points.filter(([, y]) => Number.isFinite(y) && (!logY || y > 0));
    if (p.length === 0) continue;
    const d = p.map(([x, y], i) => `${i ? 'L' : 'M'}${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ');
    g.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.8"${s.dash ? ' stroke-dasharray="5,3"' : ''}/>`);
    for (const [x, y] of p) g.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="2.2" fill="${s.color}"/>`);
  }
  g.push('</g>');
  return g.join('\n');
}

/** A grid of panels under a title, the provenance line and a legend. */
function figure({ title, header, panels, legend, xLabel }) {
  const cols = Math.min(4, Math.max(1, panels.length));
  const pw = 230, ph = 150, gx = 70, gy = 50, top = 92;
  const rowsN = Math.ceil(panels.length / cols);
  const W = cols * (pw + gx) + 20, H = top + rowsN * (ph + gy) + 20;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="14" y="22" font-family="sans-serif" font-size="15" font-weight="bold">${esc(title)}</text>`,
    `<text x="14" y="40" font-family="sans-serif" font-size="11" fill="#444">${esc(provenance(header))}</text>`,
    `<text x="14" y="54" font-family="sans-serif" font-size="11" fill="#444">${esc(`x: ${xLabel} (log scale); command: ${header.command}`)}</text>`,
  ];
  let lx = 14;
  for (const l of legend) {
    out.push(`<line x1="${lx}" x2="${lx + 18}" y1="68" y2="68" stroke="${l.color}" stroke-width="2.5"${l.dash ? ' stroke-dasharray="5,3"' : ''}/>`);
    out.push(`<text x="${lx + 22}" y="72" font-family="sans-serif" font-size="11">${esc(l.label)}</text>`);
    lx += 34 + l.label.length * 6.5;
  }
  panels.forEach((p, i) => {
    out.push(panel({ ...p, x0: 60 + (i % cols) * (pw + gx), y0: top + Math.floor(i / cols) * (ph + gy), w: pw, h: ph }));
  });
  out.push('</svg>');
  return out.join('\n');
}

function implsOf(rows, op, dtype) {
  const labels = unique(rows.filter((r) => r.op === op && r.dtype === dtype).map(implLabel));
  const order = ['js', 'wasm', 'tfjs-cpu', 'tfjs-wasm'];
  return labels.sort((a, b) => (order.indexOf(a) + 1 || 9) - (order.indexOf(b) + 1 || 9) || a.localeCompare(b));
}

const rowsFor = (rows, op, dtype, label) => rows.filter((r) => r.op === op && r.dtype === dtype && implLabel(r) === label).sort((a, b) => a.n - b.n);

/** Builds the three figures for one dtype: { name: svgText }. */
export function charts({ header, rows }, dtype) {
  // Ops of shrinkage's own impls, then ops only the peers ran (when shrinkage's rows are missing).
  const ops = unique([...kernelOps(rows), ...rows.filter((r) => r.impl.startsWith('tfjs-')).map((r) => r.op)])
    .filter((op) => rows.some((r) => r.op === op && r.dtype === dtype));
  const parallelLabels = unique(rows.filter((r) => r.impl === 'wasm-parallel').map(implLabel)).sort();
  const allLabels = unique(ops.flatMap((op) => implsOf(rows, op, dtype)));
  const xsOf = (op) => unique(rows.filter((r) => r.op === op && r.dtype === dtype).map((r) => r.n)).sort((a, b) => a - b);
  const legend = allLabels.map((label) => ({ label, color: colorOf(label, parallelLabels) }));
  const d = dtype === 'float32' ? 'f32' : 'f64';

  const time = figure({
    title: `shrinkage ${d}: median time vs n per impl (log–log)`, header, legend, xLabel: 'n elements',
    panels: ops.map((op) => ({
      title: op, xs: xsOf(op), logY: true, yLabel: 'ms',
      series: implsOf(rows, op, dtype).map((label) => ({
        label, color: colorOf(label, parallelLabels), points: rowsFor(rows, op, dtype, label).map((r) => [r.n, r.median_ms]),
      })),
    })),
  });

  const speedLabels = allLabels.filter((l) => l !== 'js');
  const speedup = figure({
    title: `shrinkage ${d}: speedup over the plain-JS reference (js median / impl median, log scale)`, header, xLabel: 'n elements',
    legend: speedLabels.map((label) => ({ label, color: colorOf(label, parallelLabels) })),
    panels: ops.filter((op) => rows.some((r) => r.op === op && r.dtype === dtype && r.impl === 'js')).map((op) => ({
      title: op, xs: xsOf(op), logY: true, yLabel: '× faster than js',
      series: implsOf(rows, op, dtype).filter((l) => l !== 'js').map((label) => ({
        label, color: colorOf(label, parallelLabels),
        points: rowsFor(rows, op, dtype, label).map((r) => {
          const js = find(rows, op, dtype, r.n, 'js');
          return [r.n, js ? js.median_ms / r.median_ms : NaN];
        }),
      })),
    })),
  });

  const copy = rows.filter((r) => r.op === 'copy' && r.dtype === dtype).sort((a, b) => a.n - b.n);
  const gbps = figure({
    title: `shrinkage ${d}: GB/s (bytes read + written once, docs/benchmarks.md) against the memory copy`, header, xLabel: 'n elements',
    legend: [...allLabels.map((label) => ({ label, color: colorOf(label, parallelLabels) })), { label: 'copy (TypedArray.set)', color: PALETTE.copy, dash: true }],
    panels: ops.map((op) => ({
      title: op, xs: xsOf(op), logY: false, yLabel: 'GB/s',
      series: [
        ...implsOf(rows, op, dtype).map((label) => ({
          label, color: colorOf(label, parallelLabels), points: rowsFor(rows, op, dtype, label).map((r) => [r.n, r.gbps ?? NaN]),
        })),
        { label: 'copy', color: PALETTE.copy, dash: true, points: copy.filter((r) => xsOf(op).includes(r.n)).map((r) => [r.n, r.gbps]) },
      ],
    })),
  });
  return { [`time-vs-n-${d}.svg`]: time, [`speedup-${d}.svg`]: speedup, [`gbps-${d}.svg`]: gbps };
}
