//! The round rules of the vault model in exact scenarios: schedule-based opening, the round's
//! refund time fixed at open, refund and settlement excluding each other at the boundary second,
//! the net-payout round limit crediting hedges (also on a round already over a lowered limit),
//! the minimum fill size, and the strike capacity of the exposure book.
//! Every refused operation leaves the model unchanged, and the invariant holds after each step.

mod support;

use exec_trade_rules::{
    fill_amounts, ClaimDestination, Limits, Quote, RoundStatus, RuleError, Settlement,
    MAX_ROUND_STRIKES,
};
use support::vault_model::{Model, ModelError};
use support::{quote_ix_data, schedule_of, settlement_ix_data, PROGRAM_ID};

const STRIKE: u64 = 97_300_000_000;
const STEP: u64 = 100_000_000;
/// A multiple of 300, so on both the 1-minute and the 5-minute grid.
const START_TS: i64 = 1_800_000_000;

/// Fills of 10 to 1_000, up to 100_000 per wallet.
fn limits(max_round_net_payout: u64) -> Limits {
    Limits {
        min_position_size: 10,
        max_position_size: 1_000,
        max_round_net_payout,
        max_wallet_round_size: 100_000,
    }
}

/// A par (0.5 / 0.5) quote for `round` of `m` at `strike`, valid for the next 5 s.
fn par_quote(m: &Model, round: usize, id: u16, strike: u64) -> Vec<u8> {
    let r = &m.rounds[round];
    let mut quote_id = [0xA5; 16];
    quote_id[..2].copy_from_slice(&id.to_le_bytes());
    quote_ix_data(&Quote {
        cluster: m.cluster,
        asset: r.asset,
        flags: 0,
        program_id: PROGRAM_ID,
        quote_id,
        epoch: m.quote_epoch,
        expiry_ts: r.expiry_ts,
        strike,
        up_price: 500_000,
        down_price: 500_000,
        max_size: 10_000,
        valid_until_ms: m.now_ms() + 5_000,
        generated_at_ms: m.now_ms(),
        ref_price: STRIKE,
        ref_ts_ms: m.now_ms(),
    })
}

/// The quote id `par_quote` gives `id`.
fn qid(id: u16) -> [u8; 16] {
    let mut quote_id = [0xA5; 16];
    quote_id[..2].copy_from_slice(&id.to_le_bytes());
    quote_id
}

fn settlement(m: &Model, round: usize, price: u64) -> Vec<u8> {
    let r = &m.rounds[round];
    settlement_ix_data(&Settlement {
        cluster: m.cluster,
        asset: r.asset,
        flags: 0,
        program_id: PROGRAM_ID,
        expiry_ts: r.expiry_ts,
        price,
        published_at_ms: r.expiry_ts * 1_000,
        method: 1,
        source_count: 4,
        sources_hash: [0; 32],
    })
}

/// Runs `op` and requires it to fail with `expected` and leave the model exactly as it was.
fn refused<T: std::fmt::Debug>(
    m: &mut Model,
    expected: ModelError,
    op: impl FnOnce(&mut Model) -> Result<T, ModelError>,
) {
    let before = m.clone();
    let result = op(m);
    assert!(
        matches!(&result, Err(e) if *e == expected),
        "expected {expected:?}, got {result:?}"
    );
    assert_eq!(*m, before, "a refused operation changed the model");
}

fn funded_model(now_ts: i64, limit: u64) -> Model {
    let mut m = Model::new(now_ts, &[100_000, 100_000, 100_000], limits(limit));
    m.fund(100_000).unwrap();
    m
}

#[test]
fn a_shared_expiry_closes_trading_at_the_largest_offset_of_the_schedule() {
    // Given the 1-minute (close 10 s early) and 5-minute (close 30 s early) schedule
    let mut m = funded_model(START_TS, 10_000);
    // When rounds open on a 1-minute-only expiry, a shared 5-minute one, and off the grid
    let minute = m.open_round(1, START_TS + 60).unwrap();
    let shared = m.open_round(1, START_TS + 300).unwrap();
    refused(
        &mut m,
        ModelError::Rule(RuleError::ExpiryNotOnSchedule),
        |m| m.open_round(1, START_TS + 90),
    );
    // Then the shared round closes 30 s early, the other 10 s early
    assert_eq!(m.rounds[minute].trading_close_ts, START_TS + 50);
    assert_eq!(m.rounds[shared].trading_close_ts, START_TS + 270);
    // And a fill at the shared close is refused even though a 1-minute round would still trade
    m.advance(269);
    let q = par_quote(&m, shared, 1, STRIKE);
    m.take(0, shared, &q, qid(1), 0, 100).unwrap();
    m.advance(1);
    let q = par_quote(&m, shared, 2, STRIKE);
    refused(&mut m, ModelError::Rule(RuleError::TradingClosed), |m| {
        m.take(0, shared, &q, qid(2), 0, 100)
    });
    // And a round whose close has passed (but not its expiry) cannot be opened
    refused(
        &mut m,
        ModelError::Rule(RuleError::RoundExpiryInPast),
        |m| m.open_round(2, START_TS + 300),
    );
    m.invariant().unwrap();
}

#[test]
fn the_refund_time_is_fixed_when_the_round_opens() {
    // Given a round opened under a 600 s grace
    let mut m = funded_model(START_TS, 10_000);
    let early = m.open_round(1, START_TS + 60).unwrap();
    let q = par_quote(&m, early, 1, STRIKE);
    let p_early = m.take(0, early, &q, qid(1), 0, 100).unwrap();
    // When the grace is raised to 1200 s (and a too-short grace is refused)
    refused(
        &mut m,
        ModelError::Rule(RuleError::RefundGraceOutOfRange),
        |m| m.set_refund_grace(599),
    );
    m.set_refund_grace(1_200).unwrap();
    let late = m.open_round(2, START_TS + 60).unwrap();
    let q = par_quote(&m, late, 2, STRIKE);
    let p_late = m.take(0, late, &q, qid(2), 0, 100).unwrap();
    // Then the first round still refunds 600 s after expiry, the new one 1200 s after
    assert_eq!(m.rounds[early].refund_after_ts, START_TS + 660);
    assert_eq!(m.rounds[late].refund_after_ts, START_TS + 1_260);
    m.advance(659);
    refused(&mut m, ModelError::Rule(RuleError::RefundTooEarly), |m| {
        m.refund(p_early)
    });
    m.advance(1);
    m.refund(p_early).unwrap();
    refused(&mut m, ModelError::Rule(RuleError::RefundTooEarly), |m| {
        m.refund(p_late)
    });
    // And lowering the grace again does not bring the second round's refund time forward
    m.set_refund_grace(600).unwrap();
    refused(&mut m, ModelError::Rule(RuleError::RefundTooEarly), |m| {
        m.refund(p_late)
    });
    m.advance(599);
    refused(&mut m, ModelError::Rule(RuleError::RefundTooEarly), |m| {
        m.refund(p_late)
    });
    m.advance(1);
    m.refund(p_late).unwrap();
    m.invariant().unwrap();
}

/// A model with one round at `START_TS + 60` holding one UP and one DOWN of 100 at `STRIKE`,
/// the clock at `at` seconds before the round's refund time.
fn round_before_refund_time(at: i64) -> (Model, usize, usize, usize) {
    let mut m = funded_model(START_TS, 10_000);
    let round = m.open_round(1, START_TS + 60).unwrap();
    let q = par_quote(&m, round, 1, STRIKE);
    let up = m.take(0, round, &q, qid(1), 0, 100).unwrap();
    let down = m.take(1, round, &q, qid(1), 1, 100).unwrap();
    let refund_after = m.rounds[round].refund_after_ts;
    m.advance(refund_after - at - m.now_ts);
    (m, round, up, down)
}

#[test]
fn a_settlement_in_the_last_second_before_the_refund_time_blocks_refunds() {
    // Given a round one second before its refund time
    let (mut m, round, up, down) = round_before_refund_time(1);
    refused(&mut m, ModelError::Rule(RuleError::RefundTooEarly), |m| {
        m.refund(up)
    });
    // When it settles in that second
    let s = settlement(&m, round, STRIKE);
    m.settle(round, &s).unwrap();
    // Then at the refund time no position can be refunded, and the claims pay out
    m.advance(1);
    for p in [up, down] {
        refused(
            &mut m,
            ModelError::Rule(RuleError::RoundAlreadySettled),
            |m| m.refund(p),
        );
    }
    assert_eq!(m.claim(up), Ok(ClaimDestination::Trader));
    assert_eq!(m.claim(down), Ok(ClaimDestination::House));
    m.invariant().unwrap();
}

#[test]
fn a_settlement_at_the_refund_time_is_too_late_and_refunds_proceed() {
    // Given a round exactly at its refund time, unsettled
    let (mut m, round, up, down) = round_before_refund_time(0);
    // When the settlement arrives in that second
    let s = settlement(&m, round, STRIKE);
    refused(
        &mut m,
        ModelError::Rule(RuleError::SettlementTooLate),
        |m| m.settle(round, &s),
    );
    // Then the positions are refunded, and a later settlement meets a refunding round
    m.refund(up).unwrap();
    assert_eq!(m.rounds[round].status, RoundStatus::Refunding);
    refused(&mut m, ModelError::Rule(RuleError::RoundRefunding), |m| {
        m.settle(round, &s)
    });
    refused(&mut m, ModelError::Rule(RuleError::RoundNotSettled), |m| {
        m.claim(down)
    });
    m.refund(down).unwrap();
    m.close_round(round).unwrap();
    m.invariant().unwrap();
}

#[test]
fn a_hedge_at_the_same_strike_frees_room_under_the_net_payout_limit() {
    // Given a limit equal to the house collateral of one UP of 1_000 at 0.5
    let hc = fill_amounts(1_000, 500_000).unwrap().house_collateral;
    assert_eq!(hc, 500);
    let mut m = funded_model(START_TS, hc);
    let round = m.open_round(1, START_TS + 300).unwrap();
    let (qa, qb) = (
        par_quote(&m, round, 1, STRIKE),
        par_quote(&m, round, 2, STRIKE + STEP),
    );
    m.take(0, round, &qa, qid(1), 0, 1_000).unwrap();
    assert_eq!(m.rounds[round].worst_case_net_payout, 500);
    // When another UP one strike higher would add 50 to the price region above it
    refused(
        &mut m,
        ModelError::Rule(RuleError::RoundNetPayoutLimit),
        |m| m.take(1, round, &qb, qid(2), 0, 100),
    );
    // Then a DOWN of 1_000 at the first strike hedges it to exactly 0 either way
    m.take(1, round, &qa, qid(1), 1, 1_000).unwrap();
    assert_eq!(m.rounds[round].worst_case_net_payout, 0);
    // And the refused fill now fits, although 1_050 of house collateral is locked in all
    m.take(1, round, &qb, qid(2), 0, 100).unwrap();
    assert_eq!(m.rounds[round].worst_case_net_payout, 50);
    assert_eq!(m.house_liability, 1_050);
    assert!(m.house_liability > m.limits.max_round_net_payout);
    m.invariant().unwrap();
}

#[test]
fn a_round_over_a_lowered_limit_refuses_new_risk_but_accepts_hedges() {
    // Given a round risking 500 (one UP of 1_000 at 0.5) under a limit of 500
    let mut m = funded_model(START_TS, 500);
    let round = m.open_round(1, START_TS + 300).unwrap();
    let (qa, qb, qc) = (
        par_quote(&m, round, 1, STRIKE),
        par_quote(&m, round, 2, STRIKE + STEP),
        par_quote(&m, round, 3, STRIKE),
    );
    m.take(0, round, &qa, qid(1), 0, 1_000).unwrap();
    assert_eq!(m.rounds[round].worst_case_net_payout, 500);
    // When the admin lowers the round limit to 100
    m.set_limits(limits(100));
    // Then any fill that raises the worst case is refused: 10 more UP at the strike (505), a
    // DOWN one strike higher that also wins between the strikes (550)
    refused(
        &mut m,
        ModelError::Rule(RuleError::RoundNetPayoutLimit),
        |m| m.take(1, round, &qa, qid(1), 0, 10),
    );
    refused(
        &mut m,
        ModelError::Rule(RuleError::RoundNetPayoutLimit),
        |m| m.take(1, round, &qb, qid(2), 1, 100),
    );
    // And a partial hedge is accepted although the round stays above the new limit
    m.take(1, round, &qa, qid(1), 1, 400).unwrap();
    assert_eq!(m.rounds[round].worst_case_net_payout, 300);
    // And a hedge below the minimum size is still refused; one of exactly the minimum is not
    refused(&mut m, ModelError::Rule(RuleError::PositionTooSmall), |m| {
        m.take(2, round, &qa, qid(1), 1, 9)
    });
    m.take(2, round, &qa, qid(1), 1, 10).unwrap();
    assert_eq!(m.rounds[round].worst_case_net_payout, 295);
    // And once fully hedged, new risk fits again up to the lowered limit, and not one atom more
    m.take(2, round, &qc, qid(3), 1, 590).unwrap();
    assert_eq!(m.rounds[round].worst_case_net_payout, 0);
    m.take(0, round, &qb, qid(2), 0, 200).unwrap();
    assert_eq!(m.rounds[round].worst_case_net_payout, 100);
    refused(
        &mut m,
        ModelError::Rule(RuleError::RoundNetPayoutLimit),
        |m| m.take(1, round, &qb, qid(2), 0, 10),
    );
    m.invariant().unwrap();
}

#[test]
fn the_book_refuses_one_strike_beyond_its_capacity_and_changes_nothing() {
    // Given a round with MAX_ROUND_STRIKES distinct strikes
    let mut m = funded_model(START_TS, 100_000);
    let round = m.open_round(1, START_TS + 300).unwrap();
    for i in 0..MAX_ROUND_STRIKES {
        let id = u16::try_from(i).unwrap();
        // Interleave low and high strikes so the book must insert in the middle.
        let strike = STRIKE + u64::from(id % 2) * 1_000 * STEP + u64::from(id) * STEP;
        let q = par_quote(&m, round, id, strike);
        m.take(0, round, &q, qid(id), i as u8 % 2, 10).unwrap();
    }
    assert_eq!(usize::from(m.rounds[round].strike_count), MAX_ROUND_STRIKES);
    // When a fill brings a new strike
    let q = par_quote(&m, round, 100, STRIKE - STEP);
    refused(&mut m, ModelError::Rule(RuleError::RoundStrikesFull), |m| {
        m.take(1, round, &q, qid(100), 0, 10)
    });
    // Then a fill at a strike the round already tracks is still accepted
    let q = par_quote(&m, round, 101, STRIKE);
    m.take(1, round, &q, qid(101), 1, 10).unwrap();
    m.invariant().unwrap();
}

#[test]
fn an_invalid_schedule_is_refused_and_the_old_one_stays() {
    let mut m = funded_model(START_TS, 10_000);
    // `refused` also proves the model, and so its schedule, is unchanged.
    let gap = schedule_of(&[(60, 10), (300, 30), (0, 0), (900, 30)]);
    refused(
        &mut m,
        ModelError::Rule(RuleError::InvalidRoundSchedule),
        |m| m.set_schedule(gap),
    );
    refused(
        &mut m,
        ModelError::Rule(RuleError::InvalidTradingCloseOffset),
        |m| m.set_schedule(schedule_of(&[(60, 10), (300, 300)])),
    );
    refused(
        &mut m,
        ModelError::Rule(RuleError::InvalidRoundSchedule),
        |m| m.set_schedule(schedule_of(&[])),
    );
    // A valid replacement applies to rounds opened afterwards.
    m.set_schedule(schedule_of(&[(900, 60)])).unwrap();
    refused(
        &mut m,
        ModelError::Rule(RuleError::ExpiryNotOnSchedule),
        |m| m.open_round(1, START_TS + 300),
    );
    let round = m.open_round(1, START_TS + 900).unwrap();
    assert_eq!(m.rounds[round].trading_close_ts, START_TS + 840);
}
