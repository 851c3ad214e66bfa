import { describe, expect, it } from 'vitest';
import { parseJsonLossless, quoteJsonNumbers } from '../../../../engine/src/feeds/connection/lossless-json.js';

describe('parseJsonLossless', () => {
  it('returns every number as its exact source text, beyond double precision', () => {
    const v = parseJsonLossless('{"a":240.10123456789012345,"id":13834774380200032777,"n":-1.5e-7,"z":0.0,"s":"12.30"}');
    expect(v).toEqual({ a: '240.10123456789012345', id: '13834774380200032777', n: '-1.5e-7', z: '0.0', s: '12.30' });
    // what JSON.parse would have done
    expect(String((JSON.parse('{"a":240.10123456789012345}') as { a: number }).a)).not.toBe('240.10123456789012345');
  });

  it('leaves digits inside strings, escaped quotes and literals alone', () => {
    const text = '{"k\\"1":"a \\"2\\" 3","arr":[1,true,null,false,[2.5]],"e":""}';
    expect(parseJsonLossless(text)).toEqual({ 'k"1': 'a "2" 3', arr: ['1', true, null, false, ['2.5']], e: '' });
  });

  it('still rejects malformed JSON', () => {
    expect(() => parseJsonLossless('{"a":1')).toThrow(SyntaxError);
    expect(() => parseJsonLossless('garbage')).toThrow(SyntaxError);
    expect(quoteJsonNumbers('[1,2]')).toBe('["1","2"]');
  });
});
