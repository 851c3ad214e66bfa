/** Waiting on a demo engine process: polling helpers and its local chain becoming ready (GET /v1/oracle). */

/** Polls `probe` every 250 ms until it returns something other than null; fails after `timeoutMs`. */
export async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe();
    if (got !== null) return got;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface DemoOracle {
  readonly signer: string;
  readonly programId: string;
  readonly rpcUrl: string;
  readonly collateralMint: string;
  readonly chain: { readonly status: 'ready'; readonly detail: string | null };
}

/**
 * GET /v1/oracle of the engine at `base` once its local chain is ready (the first start of a demo
 * builds the chain with cargo, hence the long default). A chain that failed fails at once.
 */
export function demoChainReady(base: string, timeoutMs = 150_000): Promise<DemoOracle> {
  return until('the demo chain', timeoutMs, async () => {
    const oracle = (await (await fetch(`${base}/v1/oracle`)).json()) as Omit<DemoOracle, 'chain'> & { chain: { status: string; detail: string | null } };
    if (oracle.chain.status === 'failed') throw new Error(`demo chain failed: ${oracle.chain.detail}`);
    return oracle.chain.status === 'ready' ? (oracle as DemoOracle) : null;
  });
}
