/**
 * A lightweight-charts series primitive: a dashed vertical line at a round's expiry, which lies in
 * the future, past the last bar. The chart holds one bar per second, so the expiry sits
 * (expiry − last bar) logical bars right of the last one.
 */
import type { IPrimitivePaneRenderer, IPrimitivePaneView, ISeriesPrimitive, Logical, SeriesAttachedParameter, Time } from 'lightweight-charts';

type DrawTarget = Parameters<IPrimitivePaneRenderer['draw']>[0];

export class ExpiryLine implements ISeriesPrimitive<Time> {
  private params: SeriesAttachedParameter<Time> | null = null;
  private expirySec: number | null = null;
  private label = '';
  private last: { sec: number; logical: number } | null = null;
  private readonly view: IPrimitivePaneView = { renderer: () => ({ draw: (target: DrawTarget) => this.draw(target) }) };

  attached(params: SeriesAttachedParameter<Time>): void {
    this.params = params;
  }

  detached(): void {
    this.params = null;
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return [this.view];
  }

  /** Where the last bar is (its unix second and logical index) and which expiry to mark. */
  set(expirySec: number | null, label: string, last: { sec: number; logical: number } | null): void {
    this.expirySec = expirySec;
    this.label = label;
    this.last = last;
    this.params?.requestUpdate();
  }

  private x(): number | null {
    if (this.params === null || this.expirySec === null || this.last === null) return null;
    const logical = this.last.logical + (this.expirySec - this.last.sec);
    return this.params.chart.timeScale().logicalToCoordinate(logical as Logical);
  }

  private draw(target: DrawTarget): void {
    const x = this.x();
    if (x === null) return;
    target.useMediaCoordinateSpace(({ context, mediaSize }) => {
      if (x < 0 || x > mediaSize.width) return;
      context.save();
      context.strokeStyle = '#d29922';
      context.setLineDash([4, 4]);
      context.beginPath();
      context.moveTo(Math.round(x) + 0.5, 0);
      context.lineTo(Math.round(x) + 0.5, mediaSize.height);
      context.stroke();
      context.fillStyle = '#d29922';
      context.font = '11px ui-monospace, monospace';
      context.textAlign = x > mediaSize.width - 80 ? 'right' : 'left';
      context.fillText(this.label, x + (context.textAlign === 'right' ? -4 : 4), 12);
      context.restore();
    });
  }
}
