/**
 * The store of a stream worker: the primary's store events, relayed over IPC in order. It serves
 * what SurfaceFrames reads (the latest surface of each symbol, the events, the health) and nothing
 * a stream worker does not need (it never publishes, and quotes are looked up by HTTP in the primary).
 */
import type { MarketSymbol } from '../../feeds/types.js';
import type { MarketSurface, TakerQuoteJson } from '../../market/types.js';
import { EngineError } from '../../lib/errors.js';
import { callListeners } from '../../lib/call-listeners.js';
import type { SettlementJson, StoreEvent, StoreHealth, StoreListener, SurfaceStore } from '../../cache/types.js';
import type { RelayedEvent } from './protocol.js';

export class RelayStore implements SurfaceStore {
  private readonly latest = new Map<MarketSymbol, MarketSurface>();
  private readonly listeners = new Set<StoreListener>();
  private status: StoreHealth = { backend: 'memory', healthy: true, detail: 'relayed from the primary process' };

  constructor(private readonly onListenerError: (err: unknown) => void) {}

  /** Apply one relayed event: keep it and hand it to the subscribers. */
  accept(relayed: RelayedEvent): void {
    let event: StoreEvent;
    if (relayed.type === 'surface') {
      const surface = JSON.parse(relayed.payload) as MarketSurface;
      this.latest.set(relayed.symbol, surface);
      event = { type: 'surface', symbol: relayed.symbol, seq: relayed.seq, surface, payload: relayed.payload, ...(relayed.writer === undefined ? {} : { writer: relayed.writer }) };
    } else if (relayed.type === 'settlement') {
      event = { type: 'settlement', symbol: relayed.symbol, settlement: JSON.parse(relayed.settlement) as SettlementJson };
    } else {
      this.status = { ...this.status, healthy: relayed.healthy, detail: relayed.detail };
      event = relayed;
    }
    callListeners(this.listeners, event, (err) => this.onListenerError(err));
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {
    this.listeners.clear();
  }
  async getSurface(symbol: MarketSymbol): Promise<MarketSurface | undefined> {
    return this.latest.get(symbol);
  }
  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
  health(): StoreHealth {
    return this.status;
  }
  async publishSurface(): Promise<void> {
    throw new EngineError('EXEC_ERR_STORE_READ_ONLY', 'a stream worker relays surfaces and cannot publish');
  }
  async publishSettlement(): Promise<void> {
    throw new EngineError('EXEC_ERR_STORE_READ_ONLY', 'a stream worker relays settlements and cannot publish');
  }
  async getQuote(): Promise<TakerQuoteJson | undefined> {
    return undefined;
  }
  async getSettlement(): Promise<SettlementJson | undefined> {
    return undefined;
  }
}
