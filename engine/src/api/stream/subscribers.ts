/**
 * Who is subscribed to each symbol, and in which view, so a fan-out builds each view's frame once,
 * before the send loop, and then only writes.
 */
import type { MarketSymbol } from '../../feeds/types.js';
import type { StreamView } from './surface-view.js';

interface ViewCount {
  readonly view: StreamView;
  clients: number;
}

export class Subscribers<C extends { readonly views: Map<MarketSymbol, StreamView> }> {
  private readonly bySymbol = new Map<MarketSymbol, Set<C>>();
  private readonly views = new Map<MarketSymbol, Map<string, ViewCount>>();

  constructor(symbols: readonly MarketSymbol[]) {
    for (const symbol of symbols) {
      this.bySymbol.set(symbol, new Set());
      this.views.set(symbol, new Map());
    }
  }

  of(symbol: MarketSymbol): ReadonlySet<C> {
    return this.bySymbol.get(symbol) ?? new Set();
  }

  count(symbol: MarketSymbol): number {
    return this.bySymbol.get(symbol)?.size ?? 0;
  }

  /** The distinct views the symbol's subscribers are in. */
  viewsOf(symbol: MarketSymbol): StreamView[] {
    return [...(this.views.get(symbol)?.values() ?? [])].map((v) => v.view);
  }

  /** Subscribe `client` to `symbol` in `view`, or move it to `view` if it already is. */
  set(client: C, symbol: MarketSymbol, view: StreamView): void {
    this.remove(client, symbol);
    client.views.set(symbol, view);
    this.bySymbol.get(symbol)?.add(client);
    const counts = this.views.get(symbol);
    if (counts === undefined) return;
    const c = counts.get(view.key);
    if (c === undefined) counts.set(view.key, { view, clients: 1 });
    else c.clients++;
  }

  remove(client: C, symbol: MarketSymbol): void {
    const view = client.views.get(symbol);
    if (view === undefined) return;
    client.views.delete(symbol);
    this.bySymbol.get(symbol)?.delete(client);
    const counts = this.views.get(symbol);
    const c = counts?.get(view.key);
    if (c !== undefined && --c.clients === 0) counts?.delete(view.key);
  }

  removeAll(client: C): void {
    for (const symbol of [...client.views.keys()]) this.remove(client, symbol);
  }
}
