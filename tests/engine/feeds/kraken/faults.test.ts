import { KrakenFeed } from '../../../../engine/src/feeds/kraken/feed.js';
import { describeVenueFaults } from '../faults/venue-faults.js';

describeVenueFaults('kraken', (o) => new KrakenFeed(o));
