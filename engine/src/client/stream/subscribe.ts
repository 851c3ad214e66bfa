/**
 * The subscribe message of /v1/stream and its options, for SDK users (README "WebSocket
 * `/v1/stream`"). The server validates the same fields (api/schemas/client-message.ts).
 */

export interface SubscribeOptions {
  /** `json` (default) or `binary` frames; applies to the whole connection. */
  readonly format?: 'json' | 'binary';
  /** `full` (default) surfaces or `delta`s; applies to the whole connection. */
  readonly updates?: 'full' | 'delta';
  /** Only rounds of these durations, e.g. `["5m"]` (labels like "1m", "15m", "1h", "90s"). */
  readonly rounds?: readonly string[];
  /** Only the N strikes each side of the at-the-money strike (0 = the ATM strike alone). */
  readonly strikes?: number;
}

export interface SubscribeMessage extends SubscribeOptions {
  readonly op: 'subscribe';
  readonly symbols: readonly string[];
}

/** `{"op":"subscribe","symbols":[…], …options}`, with only the options that are set. */
export function subscribeMessage(symbols: readonly string[], options: SubscribeOptions = {}): SubscribeMessage {
  const message: { -readonly [K in keyof SubscribeMessage]: SubscribeMessage[K] } = { op: 'subscribe', symbols: [...symbols] };
  if (options.updates !== undefined) message.updates = options.updates;
  if (options.format !== undefined) message.format = options.format;
  if (options.rounds !== undefined) message.rounds = [...options.rounds];
  if (options.strikes !== undefined) message.strikes = options.strikes;
  return message;
}

const UNIT_SEC: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3_600 };

/** "5m" → 300; null when the label is not `<positive integer><s|m|h>`. */
export function parseRoundLabel(label: string): number | null {
  const m = /^([1-9]\d{0,5})([smh])$/.exec(label);
  if (m === null) return null;
  return Number(m[1]) * (UNIT_SEC[m[2] as string] as number);
}

/** 300 → "5m", 3600 → "1h", 90 → "90s". */
export function roundLabel(durationSec: number): string {
  if (durationSec % 3_600 === 0) return `${durationSec / 3_600}h`;
  if (durationSec % 60 === 0) return `${durationSec / 60}m`;
  return `${durationSec}s`;
}
