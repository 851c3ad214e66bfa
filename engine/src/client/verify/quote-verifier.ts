/**
 * The asynchronous quote verifier: the checks of `verifySignedQuote` on the fastest ed25519 backend
 * the platform has (node:crypto on Node, WebCrypto in browsers, tweetnacl only where neither
 * exists), with the oracle key imported once. Quotes decoded from binary stream frames carry their
 * bytes, so nothing is decoded twice.
 *
 *   const verifier = await QuoteVerifier.create();
 *   const fields = await verifier.verify(quote, { expectedSigner: oracle.signer, nowMs: Date.now() });
 *   const verdicts = await verifier.verifyAll(surface.rounds.flatMap((r) => r.quotes), { expectedSigner });
 */
import type { QuoteFields } from '../quote-message.js';
import { quoteBytes } from '../quote-json.js';
import { ClientError } from '../errors.js';
import { checkExpectedSigner, checkQuoteFields, signatureFailure, type SignedQuote, type VerifyQuoteOptions } from '../verify-quote.js';
import { createEd25519Verifier, sharedEd25519Verifier, type Ed25519Verifier, type Ed25519VerifierOptions } from './ed25519-verifier.js';

export type QuoteVerdict = { readonly ok: true; readonly fields: QuoteFields } | { readonly ok: false; readonly error: ClientError };

export class QuoteVerifier {
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

  /** The decoded fields of a valid quote; throws the same typed errors as `verifySignedQuote`. */
  async verify(quote: SignedQuote, options: Omit<VerifyQuoteOptions, 'verifySignature'> = {}): Promise<QuoteFields> {
    checkExpectedSigner(quote, options);
    const bytes = quoteBytes(quote);
    const sync = this.ed25519.verifySync;
    const ok = sync !== null ? sync(bytes.message, bytes.signature, bytes.signer) : await this.ed25519.verify(bytes.message, bytes.signature, bytes.signer);
    if (!ok) throw signatureFailure(quote);
    return checkQuoteFields(quote, bytes, options);
  }

  /** One verdict per quote, in order; never throws for a bad quote (its verdict says why). */
  async verifyAll(quotes: readonly SignedQuote[], options: Omit<VerifyQuoteOptions, 'verifySignature'> = {}): Promise<QuoteVerdict[]> {
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
