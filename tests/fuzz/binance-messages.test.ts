import { BinanceFeed } from '../../engine/src/feeds/binance/feed.js';
import { fixtureLines } from '../engine/feeds/fake-venue-server.js';
import { fuzzVenue } from './venue-target.js';

// both payload forms: the combined wrapper and the bare payload of /ws connections
const bare = fixtureLines('binance', 'stream').map((l) => JSON.stringify((JSON.parse(l) as { data: unknown }).data));
fuzzVenue('binance', (o) => new BinanceFeed(o), bare);
