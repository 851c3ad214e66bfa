/**
 * The probability curve of one round: the UP price (what a taker pays, through takerPrice) against
 * the strike, with the index marked. A small inline SVG; nothing in it comes from text the server
 * sent, only numbers.
 */
import type { SurfaceQuote } from '../../../engine/src/client/index.js';
import { takerPrice } from '../price.js';

const W = 320;
const H = 96;
const PAD = { left: 30, right: 8, top: 8, bottom: 18 };

export function probabilityCurveSvg(quotes: readonly SurfaceQuote[], indexPrice: string | null, nowMs: number, testId: string): string {
  if (quotes.length === 0) return '';
  const strikes = quotes.map((q) => Number(BigInt(q.strike) / 1_000_000n));
  const ups = quotes.map((q) => Number(takerPrice(q, 'up', nowMs)) / 1e6);
  const lo = Math.min(...strikes);
  const hi = Math.max(...strikes);
  const span = hi - lo || 1;
  const x = (strike: number): number => PAD.left + ((strike - lo) / span) * (W - PAD.left - PAD.right);
  const y = (p: number): number => PAD.top + (1 - p) * (H - PAD.top - PAD.bottom);
  const points = strikes.map((s, i) => `${x(s).toFixed(1)},${y(ups[i] as number).toFixed(1)}`);
  const dots = points.map((p) => {
    const [cx, cy] = p.split(',');
    return `<circle cx="${cx}" cy="${cy}" r="2.2"/>`;
  });
  const index = indexPrice === null ? null : Number(BigInt(indexPrice) / 1_000_000n);
  const indexLine =
    index !== null && index >= lo && index <= hi
      ? `<line class="index" x1="${x(index).toFixed(1)}" x2="${x(index).toFixed(1)}" y1="${PAD.top}" y2="${H - PAD.bottom}"/>`
      : '';
  const grid = [0, 0.5, 1]
    .map((p) => `<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(p)}" y2="${y(p)}"/><text x="2" y="${y(p) + 3}">${p.toFixed(1)}</text>`)
    .join('');
  const labels = `<text x="${PAD.left}" y="${H - 4}">${lo.toLocaleString('en-US')}</text><text x="${W - PAD.right}" y="${H - 4}" text-anchor="end">${hi.toLocaleString('en-US')}</text>`;
  return `<svg class="curve" data-testid="${testId}" data-points="${quotes.length}" viewBox="0 0 ${W} ${H}" role="img" aria-label="UP price by strike">
    ${grid}${indexLine}<polyline points="${points.join(' ')}"/>${dots.join('')}${labels}</svg>`;
}
