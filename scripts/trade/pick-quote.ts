/**
 * Which quote `take` takes. Quotes live seconds (EXEC_QUOTE_TTL_MS, 3 s by default), too short to
 * copy an id by hand, so besides `take <quoteId> …` the CLI takes by strike: `take BTCUSDT 97300 …`
 * picks the live quote of that strike in the nearest round that still trades (or `--round 5m`) at
 * the moment it runs.
 */
import { isLadderLeaf, parseRoundLabel, roundLabel, type SurfaceQuote, type TakerQuoteJson } from '../../engine/src/client/index.js';
import { parseDecimal } from '../../engine/src/lib/fixed-point.js';
import { CliError, engineGet, type Args } from './engine.js';

export const TAKE_USAGE = 'usage: take <quoteId> <up|down> <size> --keypair <path>, or take <SYMBOL> <strike> <up|down> <size> [--round 5m] --keypair <path> (size: collateral atoms of payout)';

export interface TakeOrder {
  /** As GET /v1/quotes/:id serves it (a v2 quote with its ladder root, signature and proof). */
  readonly quote: TakerQuoteJson;
  readonly side: 'up' | 'down';
  readonly size: bigint;
}

interface WireSurface {
  readonly status: string;
  readonly haltReason: string | null;
  readonly rounds: ReadonlyArray<{ readonly durationSec: number; readonly quotes: readonly SurfaceQuote[] }>;
}

function sideAndSize(side: string | undefined, size: string | undefined): { side: 'up' | 'down'; size: bigint } {
  if ((side !== 'up' && side !== 'down') || size === undefined || !/^[1-9]\d{0,19}$/.test(size)) throw new CliError(TAKE_USAGE);
  return { side, size: BigInt(size) };
}

export async function pickQuote(args: Args): Promise<TakeOrder> {
  const [first, ...rest] = args.positional;
  if (first === undefined) throw new CliError(TAKE_USAGE);
  if (/^[0-9a-fA-F]{32}$/.test(first)) {
    const { side, size } = sideAndSize(rest[0], rest[1]);
    const quote = await engineGet<TakerQuoteJson>(args, `/v1/quotes/${first}`).catch((err: unknown) => {
      if (err instanceof CliError && err.message.includes('EXEC_ERR_QUOTE_EXPIRED')) {
        throw new CliError(`${err.message}\nquotes live a few seconds: take by strike instead, e.g. take BTCUSDT <strike> ${side} ${size}`);
      }
      throw err;
    });
    return { quote, side, size };
  }
  const symbol = first.toUpperCase();
  const strike = rest[0] === undefined ? null : parseDecimal(rest[0]);
  if (strike === null || strike <= 0n) throw new CliError(TAKE_USAGE);
  const { side, size } = sideAndSize(rest[1], rest[2]);
  const label = args.flags.get('round');
  const durationSec = label === undefined ? null : parseRoundLabel(label);
  if (label !== undefined && durationSec === null) throw new CliError(`--round ${label}: expected a round duration such as 1m, 5m, 1h or 90s`);
  const surface = await engineGet<WireSurface>(args, `/v1/markets/${symbol}`);
  if (surface.status !== 'open') throw new CliError(`${symbol} is halted: ${surface.haltReason ?? 'no reason given'}; no quote to take`);
  const rounds = surface.rounds.filter((r) => r.quotes.length > 0 && (durationSec === null || r.durationSec === durationSec));
  if (rounds.length === 0) throw new CliError(`${symbol} has no ${label === undefined ? '' : `${label} `}round open for trading now (its rounds: ${surface.rounds.map((r) => roundLabel(r.durationSec)).join(', ')})`);
  const round = rounds[0]!;
  const quote = round.quotes.find((q) => BigInt(q.strike) === strike);
  if (quote === undefined) {
    const strikes = round.quotes.map((q) => (BigInt(q.strike) / 1_000_000n).toString());
    throw new CliError(`${symbol} ${roundLabel(round.durationSec)} round has no strike ${rest[0]} now; its strikes: ${strikes.join(', ')}`);
  }
  // a v2 surface holds the leaf only: its root, signature and proof come with GET /v1/quotes/:id
  return { quote: isLadderLeaf(quote) ? await engineGet<TakerQuoteJson>(args, `/v1/quotes/${quote.quoteId}`) : quote, side, size };
}
