import { KrakenFeed } from '../../engine/src/feeds/kraken/feed.js';
import { fuzzVenue } from './venue-target.js';

fuzzVenue('kraken', (o) => new KrakenFeed(o));
