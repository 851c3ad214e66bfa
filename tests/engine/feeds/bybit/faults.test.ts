import { BybitFeed } from '../../../../engine/src/feeds/bybit/feed.js';
import { describeVenueFaults } from '../faults/venue-faults.js';

describeVenueFaults('bybit', (o) => new BybitFeed(o));
