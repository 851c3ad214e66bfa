/** The `code` of the ClientError a call throws (the test fails if it throws anything else, or nothing). */
import { expect } from 'vitest';
import { ClientError } from '../../engine/src/client/errors.js';

export function clientErrorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ClientError);
    return (err as ClientError).code;
  }
  throw new Error('expected a ClientError');
}

export async function asyncClientErrorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ClientError);
    return (err as ClientError).code;
  }
  throw new Error('expected a ClientError');
}
