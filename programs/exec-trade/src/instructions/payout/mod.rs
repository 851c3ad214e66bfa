pub mod claim;
pub mod refund;

#[allow(ambiguous_glob_reexports)]
pub use claim::*;
#[allow(ambiguous_glob_reexports)]
pub use refund::*;

use anchor_lang::prelude::*;
use exec_trade_rules as rules;

use crate::error::rule;
use crate::state::{Config, Position, Round, WalletExposure};

/// Bookkeeping shared by claim and refund once a position's `size` has left the round vault:
/// round counters, the config's house liability, and the trader's exposure, which is closed
/// (rent to `rent_destination`, the position's payer) when it reaches zero.
pub fn release_position<'info>(
    config: &mut Account<'info, Config>,
    round: &mut Account<'info, Round>,
    exposure: &mut Account<'info, WalletExposure>,
    position: &Account<'info, Position>,
    rent_destination: AccountInfo<'info>,
) -> Result<()> {
    let (total_size, open_positions) = rule(rules::remove_open_position(
        round.total_size,
        round.open_positions,
        position.size,
    ))?;
    round.total_size = total_size;
    round.open_positions = open_positions;
    round.invariant()?;
    config.house_liability = rule(rules::release_liability(
        config.house_liability,
        position.house_collateral,
    ))?;
    exposure.release(position.size)?;
    if exposure.total_size == 0 {
        exposure.close(rent_destination)?;
    }
    Ok(())
}
