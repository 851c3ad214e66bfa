import { CoinbaseFeed } from '../../../../engine/src/feeds/coinbase/feed.js';
import { describeVenueFaults } from '../faults/venue-faults.js';

describeVenueFaults('coinbase', (o) => new CoinbaseFeed(o));
