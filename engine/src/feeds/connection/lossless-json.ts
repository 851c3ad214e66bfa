/**
 * JSON parsing that never turns a JSON number into a JS double. Every number token outside a string
 * is quoted before `JSON.parse`, so it arrives as its exact source text ("65000.10", "1844674407370955161").
 * Node 20 has no JSON.parse source-text access, so this is how ids above 2^53 and Kraken's float
 * prices keep every digit. The regex walks strings as whole tokens, so digits inside strings are
 * left alone; anything malformed still fails in `JSON.parse`.
 */
const TOKEN_RE = /"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*/g;

export function quoteJsonNumbers(text: string): string {
  return text.replace(TOKEN_RE, (token) => (token.charCodeAt(0) === 34 ? token : `"${token}"`));
}

/** Parse JSON text with every number returned as its source string. Throws SyntaxError on bad JSON. */
export function parseJsonLossless(text: string): unknown {
  return JSON.parse(quoteJsonNumbers(text)) as unknown;
}
