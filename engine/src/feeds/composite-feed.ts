import type { FeedAdapter, FeedHealth, TickListener } from './types.js';

/**
 * Several adapters seen as one: ticks of every child go to every listener, health() concatenates
 * the children's health, start() starts all (and stops the started ones again if one fails), stop()
 * stops all even if some fail.
 */
export class CompositeFeed implements FeedAdapter {
  readonly name: string;
  readonly simulated: boolean;
  private readonly listeners: TickListener[] = [];

  constructor(private readonly children: readonly FeedAdapter[]) {
    this.name = `composite(${children.map((c) => c.name).join(',')})`;
    this.simulated = children.some((c) => c.simulated);
    for (const child of children) {
      child.onTick((tick) => {
        for (const listener of this.listeners) listener(tick);
      });
    }
  }

  onTick(listener: TickListener): void {
    this.listeners.push(listener);
  }

  async start(): Promise<void> {
    const results = await Promise.allSettled(this.children.map((c) => c.start()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      await Promise.allSettled(this.children.map((c) => c.stop()));
      throw failed.reason;
    }
  }

  async stop(): Promise<void> {
    const results = await Promise.allSettled(this.children.map((c) => c.stop()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  health(): FeedHealth[] {
    return this.children.flatMap((c) => c.health());
  }
}
