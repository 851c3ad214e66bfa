import { CoinbaseFeed } from '../../engine/src/feeds/coinbase/feed.js';
import { fixtureLines } from '../engine/feeds/fake-venue-server.js';
import { fuzzVenue } from './venue-target.js';

fuzzVenue('coinbase', (o) => new CoinbaseFeed(o), fixtureLines('coinbase', 'heartbeat'));
