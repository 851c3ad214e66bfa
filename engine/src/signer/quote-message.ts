/** The quote/settlement byte layouts; the one implementation lives in the standalone client SDK. */
export * from '../client/quote-message.js';
