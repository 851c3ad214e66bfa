import { BinanceFeed } from '../../../../engine/src/feeds/binance/feed.js';
import { describeVenueFaults } from '../faults/venue-faults.js';
import { binanceProtocol } from '../../../helpers/loopback-venues/index.js';

describeVenueFaults('binance', (o) => new BinanceFeed(o));
// The bare-payload form (`/ws`, Binance.US, market-data-only hosts): the same faults, no wrapper.
describeVenueFaults('binance', (o) => new BinanceFeed(o), binanceProtocol(true));
