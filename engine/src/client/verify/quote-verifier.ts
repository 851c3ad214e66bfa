/**
 * The asynchronous quote verifier: the checks of `verifySignedQuote` on the fastest ed25519 backend
 * the platform has (node:crypto on Node, WebCrypto in browsers, tweetnacl only where neither
 * exists), with the oracle key imported once. Quotes decoded from binary stream frames carry their
 * bytes, so nothing is decoded twice.
 *
 *   const verifier = await QuoteVerifier.create();
 *   const fields = await verifier.verify(quote, { expectedSigner: oracle.signer, nowMs: Date.now() });
 *   const verdicts = await verifier.verifyAll(surface.rounds.flatMap((r) => r.quotes), { expectedSigner });
 *
 * Quote format v2 (one signature per round ladder): `verifyRound(round)` checks the round's root
 * signature once and every leaf against it (the tree rebuilt once); `verifySurface(surface)` does
 * every round of either format; `verifyLadderQuote(quote)` checks one quote as GET /v1/quotes/:id
 * serves it (with its proof).
 */
import type { QuoteFields } from '../quote-message.js';
import { quoteBytes } from '../quote-json.js';
import { ClientError, QuoteFormatError } from '../errors.js';
import { checkExpectedSigner, checkQuoteFields, signatureFailure, type SignedQuote, type VerifyQuoteOptions } from '../verify-quote.js';
import { createEd25519Verifier, sharedEd25519Verifier, type Ed25519Verifier, type Ed25519VerifierOptions } from './ed25519-verifier.js';
import { isLadderLeaf, type LadderLeafQuote, type LadderQuoteJson, type SurfaceQuote } from '../ladder-json.js';
import {
  checkLadderQuote,
  checkLadderTree,
  checkLeafFields,
  ladderRoundOfLeaf,
  ladderRoundVerdicts,
  type LadderRoundInput,
  type LadderVerifyOptions,
  type RoundQuoteVerdict,
  type VerifiedQuote,
} from './ladder-verify.js';

export type QuoteVerdict = { readonly ok: true; readonly fields: QuoteFields } | { readonly ok: false; readonly error: ClientError };

type CheckedRound = { readonly tree: ReturnType<typeof checkLadderTree>; readonly signatureOk: boolean } | { readonly error: unknown };

export class QuoteVerifier {
  /** Per round object: its tree rebuilt and its root signature checked, once. */
  private readonly rounds = new WeakMap<object, Promise<CheckedRound>>();

  private constructor(readonly ed25519: Ed25519Verifier) {}

  static async create(options: Ed25519VerifierOptions = {}): Promise<QuoteVerifier> {
    return new QuoteVerifier(await createEd25519Verifier(options));
  }

  /** A verifier on the process's shared default backend (keys imported once for every SDK caller). */
  static async shared(): Promise<QuoteVerifier> {
    return new QuoteVerifier(await sharedEd25519Verifier());
  }

  /** Which ed25519 implementation verifies (`node:crypto`, `webcrypto` or `tweetnacl`). */
  get backend(): Ed25519Verifier['backend'] {
    return this.ed25519.backend;
  }

  /**
   * The decoded fields of a valid quote; throws the same typed errors as `verifySignedQuote`. A v2
   * leaf is checked against the round SurfaceStream delivered it in (its root signature and tree
   * once per round, whichever leaf asks first); a leaf whose round is unknown is refused with
   * EXEC_ERR_QUOTE_FORMAT: verify it with `verifyRound`.
   */
  async verify(quote: SurfaceQuote, options: Omit<VerifyQuoteOptions, 'verifySignature'> = {}): Promise<QuoteFields> {
    if (isLadderLeaf(quote)) return (await this.verifyLeaf(quote, options)).fields;
    checkExpectedSigner(quote, options);
    const bytes = quoteBytes(quote);
    const sync = this.ed25519.verifySync;
    const ok = sync !== null ? sync(bytes.message, bytes.signature, bytes.signer) : await this.ed25519.verify(bytes.message, bytes.signature, bytes.signer);
    if (!ok) throw signatureFailure(quote);
    return checkQuoteFields(quote, bytes, options);
  }

  /**
   * One verdict per quote of a round, in order, never throwing for a bad quote: a v2 round's root
   * signature is checked once and its tree rebuilt once (a bad root or tree fails every quote of
   * the round alike); a v1 round's quotes are checked one by one.
   */
  async verifyRound(round: LadderRoundInput, options: LadderVerifyOptions = {}): Promise<RoundQuoteVerdict[]> {
    const ladder = round.ladder;
    if (ladder === undefined || ladder === null) {
      const v1 = round.quotes.map((q) => (isLadderLeaf(q) ? null : q));
      if (v1.some((q) => q === null)) {
        const error = new QuoteFormatError('a ladder leaf in a round without a signed ladder');
        return round.quotes.map(() => ({ ok: false as const, error }));
      }
      const verdicts = await this.verifyAll(v1 as SignedQuote[], options);
      return verdicts.map((v) => (v.ok ? { ok: true as const, fields: v.fields, decayMicrosPerSec: 0n } : v));
    }
    const sync = this.ed25519.verifySync;
    if (sync !== null) return ladderRoundVerdicts({ ladder, quotes: round.quotes }, (b) => sync(b.root, b.signature, b.signer), options);
    let signatureOk = false;
    try {
      const { bytes } = checkLadderTree(ladder, round.quotes);
      signatureOk = await this.ed25519.verify(bytes.root, bytes.signature, bytes.signer);
    } catch {
      // the verdicts below report it
    }
    return ladderRoundVerdicts({ ladder, quotes: round.quotes }, () => signatureOk, options);
  }

  /** The verdicts of every round of a surface (either quote format), one list per round. */
  async verifySurface(surface: { readonly rounds: readonly LadderRoundInput[] }, options: LadderVerifyOptions = {}): Promise<RoundQuoteVerdict[][]> {
    return Promise.all(surface.rounds.map((round) => this.verifyRound(round, options)));
  }

  /** A v2 quote as GET /v1/quotes/:id serves it: its proof, signature and every field; throws typed errors. */
  async verifyLadderQuote(quote: LadderQuoteJson, options: LadderVerifyOptions = {}): Promise<VerifiedQuote> {
    const checked = checkLadderQuote(quote, options);
    const sync = this.ed25519.verifySync;
    const ok = sync !== null ? sync(checked.root, checked.signature, checked.signer) : await this.ed25519.verify(checked.root, checked.signature, checked.signer);
    if (!ok) throw signatureFailure(quote);
    return checked.verified;
  }

  private async verifyLeaf(quote: LadderLeafQuote, options: LadderVerifyOptions): Promise<VerifiedQuote> {
    const round = ladderRoundOfLeaf(quote);
    if (round === undefined) {
      throw new QuoteFormatError(`quote ${quote.quoteId} is a quote format 2 ladder leaf whose round is unknown here: verify it with verifyRound(round) or verifySurface(surface)`);
    }
    let checked = this.rounds.get(round);
    if (checked === undefined) {
      checked = (async (): Promise<CheckedRound> => {
        try {
          const tree = checkLadderTree(round.ladder, round.quotes);
          const b = tree.bytes;
          const sync = this.ed25519.verifySync;
          return { tree, signatureOk: sync !== null ? sync(b.root, b.signature, b.signer) : await this.ed25519.verify(b.root, b.signature, b.signer) };
        } catch (error) {
          return { error };
        }
      })();
      this.rounds.set(round, checked);
    }
    const result = await checked;
    if ('error' in result) throw result.error;
    checkExpectedSigner(round.ladder, options);
    if (!result.signatureOk) throw signatureFailure(round.ladder);
    const own = result.tree.leaves.find((l) => l.quote === quote);
    if (own === undefined) throw new QuoteFormatError(`quote ${quote.quoteId} is not a leaf of the round it was delivered in`);
    return checkLeafFields(quote, result.tree.bytes.fields, own.leaf, options);
  }

  /** One verdict per quote, in order; never throws for a bad quote (its verdict says why). */
  async verifyAll(quotes: readonly SurfaceQuote[], options: Omit<VerifyQuoteOptions, 'verifySignature'> = {}): Promise<QuoteVerdict[]> {
    return Promise.all(
      quotes.map((quote) =>
        this.verify(quote, options).then(
          (fields): QuoteVerdict => ({ ok: true, fields }),
          (err: unknown): QuoteVerdict => {
            if (err instanceof ClientError) return { ok: false, error: err };
            throw err;
          },
        ),
      ),
    );
  }
}
