/** The /v1/stream client pieces of the SDK: binary frame decoding, delta application, subscription messages, stream state. */
export * from './layout.js';
export * from './decode-frame.js';
export * from './apply-binary-delta.js';
export * from './subscribe.js';
export * from './surface-stream.js';
