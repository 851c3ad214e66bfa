/** Waiting on a demo engine's local chain, shared by the tests that trade on it. */

export interface DemoOracle {
  readonly rpcUrl: string;
  readonly wsUrl: string;
  readonly collateralMint: string;
  readonly chain: { readonly status: string; readonly detail: string | null };
}

/** Polls `probe` until it returns a value (not null, undefined or false); throws after `timeoutMs`. */
export async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe();
    if (got !== null && got !== undefined && got !== false) return got;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** GET /v1/oracle of the engine at `base` once its demo chain is ready (a failed chain throws its reason). */
export function demoChainReady(base: string, timeoutMs = 120_000): Promise<DemoOracle> {
  return until('the demo chain', timeoutMs, async () => {
    const o = (await (await fetch(`${base}/v1/oracle`)).json()) as DemoOracle;
    if (o.chain.status === 'failed') throw new Error(`demo chain failed: ${o.chain.detail}`);
    return o.chain.status === 'ready' ? o : null;
  });
}
