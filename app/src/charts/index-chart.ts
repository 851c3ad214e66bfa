/**
 * The index chart of one symbol (TradingView lightweight-charts): the index and each venue's mid,
 * one bar per second, seeded from GET /v1/markets/:symbol/history and then fed by the stream; the
 * chosen round's strikes as horizontal lines (the at-the-money one labelled) and its expiry as a
 * vertical line (ExpiryLine).
 */
import { LineSeries, LineStyle, createChart, type IChartApi, type IPriceLine, type ISeriesApi, type LineData, type UTCTimestamp } from 'lightweight-charts';
import type { SurfaceIndexJson } from '../../../engine/src/client/index.js';
import type { HistorySample } from '../api.js';
import { h } from '../dom.js';
import { fmtClock } from '../format.js';
import { ExpiryLine } from './expiry-line.js';

const VENUE_COLORS: Readonly<Record<string, string>> = { binance: '#f0b90b', coinbase: '#3773f5', kraken: '#8d6bff', bybit: '#ff7a45' };
const KEEP_BARS = 3_600;
/** Bars of history in view next to the space up to the expiry. */
const HISTORY_IN_VIEW = 240;

const toValue = (micro: string): number => Number(BigInt(micro)) / 1e6;

interface Series {
  readonly api: ISeriesApi<'Line'>;
  readonly data: LineData[];
}

export interface RoundMarks {
  readonly expiryTs: number;
  readonly strikes: readonly string[];
  readonly atmStrike: string | null;
  readonly label: string;
}

export class IndexChart {
  private readonly chart: IChartApi;
  private readonly index: Series;
  private readonly venues = new Map<string, Series>();
  private readonly expiry = new ExpiryLine();
  private readonly legend: HTMLElement;
  private strikeLines: IPriceLine[] = [];
  private marksKey = '';

  constructor(private readonly container: HTMLElement) {
    this.chart = createChart(container, {
      autoSize: true,
      layout: { background: { color: '#161b22' }, textColor: '#8b949e', fontFamily: 'ui-monospace, monospace', attributionLogo: false },
      grid: { vertLines: { color: '#21262d' }, horzLines: { color: '#21262d' } },
      timeScale: { timeVisible: true, secondsVisible: true, borderColor: '#30363d' },
      rightPriceScale: { borderColor: '#30363d' },
      crosshair: { mode: 0 },
    });
    this.index = { api: this.chart.addSeries(LineSeries, { color: '#e6edf3', lineWidth: 2, priceLineVisible: false }), data: [] };
    this.legend = h('div', { class: 'legend' }, h('span', {}, '— index'));
    container.append(this.legend);
    this.index.api.attachPrimitive(this.expiry);
  }

  dispose(): void {
    this.chart.remove();
  }

  /** History from the server, merged under whatever the stream already delivered. */
  seed(samples: readonly HistorySample[]): void {
    const firstLive = this.index.data[0]?.time as number | undefined;
    const older = samples.filter((s) => firstLive === undefined || Math.floor(s.ts / 1000) < firstLive);
    const bars = (pick: (s: HistorySample) => string | null | undefined): LineData[] => {
      const out: LineData[] = [];
      for (const s of older) {
        const v = pick(s);
        const time = Math.floor(s.ts / 1000) as UTCTimestamp;
        if (v === null || v === undefined || (out.length > 0 && (out[out.length - 1]?.time as number) >= time)) continue;
        out.push({ time, value: toValue(v) });
      }
      return out;
    };
    this.index.data.unshift(...bars((s) => s.price));
    this.index.api.setData(this.index.data);
    const venues = new Set(older.flatMap((s) => Object.keys(s.mids)));
    for (const venue of venues) {
      const series = this.venue(venue);
      series.data.unshift(...bars((s) => s.mids[venue]));
      series.api.setData(series.data);
    }
    this.chart.timeScale().scrollToRealTime();
  }

  /** The index of a new surface: at most one bar per second (the last value of the second wins). */
  push(index: SurfaceIndexJson): void {
    if (index.price === null) return;
    const time = Math.floor(index.ts / 1000) as UTCTimestamp;
    this.append(this.index, time, index.price);
    for (const s of index.sources) if (s.mid !== null) this.append(this.venue(s.venue), time, s.mid);
  }

  /** Strike lines and the expiry line of the round in view. */
  mark(marks: RoundMarks | null, nowMs: number): void {
    const key = marks === null ? '' : `${marks.expiryTs}:${marks.strikes.join(',')}:${marks.atmStrike}`;
    if (key !== this.marksKey) {
      this.marksKey = key;
      for (const line of this.strikeLines) this.index.api.removePriceLine(line);
      this.strikeLines = (marks?.strikes ?? []).map((strike) =>
        this.index.api.createPriceLine({
          price: toValue(strike),
          color: strike === marks?.atmStrike ? '#58a6ff' : '#30363d',
          lineWidth: 1,
          lineStyle: LineStyle.Dotted,
          axisLabelVisible: strike === marks?.atmStrike,
          title: strike === marks?.atmStrike ? 'ATM' : '',
        }),
      );
    }
    const last = this.index.data[this.index.data.length - 1];
    const toExpiry = marks === null ? 0 : Math.max(0, marks.expiryTs - Math.floor(nowMs / 1000));
    const rightOffset = Math.min(900, toExpiry + 5);
    const width = this.container.clientWidth || 600;
    this.chart.timeScale().applyOptions({ rightOffset, barSpacing: Math.max(0.5, width / (HISTORY_IN_VIEW + rightOffset)) });
    this.expiry.set(
      marks?.expiryTs ?? null,
      marks === null ? '' : `${marks.label} expiry ${fmtClock(marks.expiryTs)}`,
      last === undefined ? null : { sec: last.time as number, logical: this.index.data.length - 1 },
    );
  }

  private venue(name: string): Series {
    let series = this.venues.get(name);
    if (series === undefined) {
      const color = VENUE_COLORS[name] ?? '#6e7681';
      const api = this.chart.addSeries(LineSeries, { color, lineWidth: 1, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false });
      series = { api, data: [] };
      this.venues.set(name, series);
      const entry = h('span', {}, `— ${name}`);
      entry.style.color = color; // CSSOM, not a style attribute: the CSP allows no inline styles
      this.legend.append(entry);
    }
    return series;
  }

  private append(series: Series, time: UTCTimestamp, micro: string): void {
    const bar = { time, value: toValue(micro) };
    const last = series.data[series.data.length - 1];
    if (last !== undefined && (last.time as number) > time) return;
    if (last !== undefined && last.time === time) series.data[series.data.length - 1] = bar;
    else series.data.push(bar);
    if (series.data.length > KEEP_BARS + 600) {
      series.data.splice(0, series.data.length - KEEP_BARS);
      series.api.setData(series.data);
    } else {
      series.api.update(bar);
    }
  }
}
