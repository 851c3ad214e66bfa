import { BybitFeed } from '../../engine/src/feeds/bybit/feed.js';
import { fuzzVenue } from './venue-target.js';

fuzzVenue('bybit', (o) => new BybitFeed(o));
