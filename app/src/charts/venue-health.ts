/**
 * Venue health at a glance: one chip per venue, coloured by its status in the index (ok, stale,
 * outlier, invalid), with its mid's distance from the index and the age of its last price.
 */
import type { SurfaceIndexJson } from '../../../engine/src/client/index.js';
import { esc } from '../dom.js';
import { fmtBps, fmtPrice } from '../format.js';

const STATUS_CLASS: Readonly<Record<string, string>> = { ok: 'ok', stale: 'warn', outlier: 'bad', invalid: 'bad' };

export function venueHealthHtml(index: SurfaceIndexJson, nowMs: number): string {
  const ref = index.price === null ? null : BigInt(index.price);
  const chips = index.sources.map((s) => {
    const cls = STATUS_CLASS[s.status] ?? 'bad';
    const ageMs = Math.max(0, nowMs - s.exchangeTs);
    const age = ageMs < 10_000 ? `${(ageMs / 1000).toFixed(1)}s` : `${Math.round(ageMs / 1000)}s`;
    const dev = s.mid !== null && ref !== null ? fmtBps(BigInt(s.mid), ref) : 'no mid';
    const title = `${s.venue}: ${s.status}, mid ${fmtPrice(s.mid)}, ${dev} from the index, last price ${age} ago`;
    return `<span class="chip ${cls}" data-venue="${esc(s.venue)}" data-status="${esc(s.status)}" title="${esc(title)}"><i></i>${esc(s.venue)} <small>${esc(dev)} · ${age}</small></span>`;
  });
  return `${chips.join('')}<span class="muted">${index.providers} in index · ± ${fmtPrice(index.confidence)}</span>`;
}
