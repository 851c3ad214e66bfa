//! The vault invariant across random open / take / settle / claim / refund / fund / withdraw /
//! close / config sequences, run through the model in `support/vault_model.rs`:
//! round vault == Σ open sizes; house + Σ round vaults == funding − withdrawals + stakes − payouts;
//! no token created or destroyed; each round's exposure book == Σ its fills per strike and its
//! worst-case net payout (checked against a brute-force oracle) was raised by a fill only within
//! the round limit in force then (the admin lowers and restores that limit; hedges on a round
//! already over it are accepted); refund and settlement exclude each other; a failed operation
//! changes nothing.

mod support;

use std::collections::{BTreeMap, HashMap};

use exec_trade_rules::{
    decode_quote, fill_amounts, ClaimDestination, Limits, Quote, RoundStatus, RuleError,
    Settlement, ED25519_MESSAGE_OFFSET, FLAG_SIMULATED, MAX_REFUND_GRACE_SEC, SIDE_DOWN, SIDE_UP,
};
use support::vault_model::{Model, ModelError};
use support::{quote_ix_data, settlement_ix_data, Rng, PROGRAM_ID};

const STRIKE_BASE: u64 = 97_300_000_000;
const STRIKE_STEP: u64 = 100_000_000;
const START_TS: i64 = 1_800_000_000;
/// The random run's smallest fill.
const MIN_SIZE: u64 = 10;

fn limits() -> Limits {
    Limits {
        min_position_size: MIN_SIZE,
        max_position_size: 40_000,
        max_round_net_payout: 30_000,
        max_wallet_round_size: 60_000,
    }
}

/// An expiry for a new round: mostly on the 1-minute grid (every fifth on the 5-minute grid too,
/// so trading closes 30 s early there), sometimes off it, sometimes already closing.
fn random_expiry(rng: &mut Rng, now_ts: i64) -> i64 {
    let next_minute = (now_ts / 60 + 1) * 60;
    let minutes = i64::try_from(rng.range(0, 5)).unwrap();
    match rng.range(0, 9) {
        0 => next_minute + minutes * 60 + i64::try_from(rng.range(1, 59)).unwrap(),
        1 => now_ts - now_ts % 60,
        _ => next_minute + minutes * 60,
    }
}

/// A quote for `round` of `model`, with an occasional corrupted field.
fn random_quote(rng: &mut Rng, model: &Model, round: usize, quote_id: [u8; 16]) -> Quote {
    let r = &model.rounds[round];
    let up = u32::try_from(rng.range(0, 1_000_000)).unwrap();
    let down = u32::try_from((1_020_000u64.saturating_sub(u64::from(up))).min(1_000_000)).unwrap();
    let mut q = Quote {
        cluster: model.cluster,
        asset: r.asset,
        flags: 0,
        program_id: PROGRAM_ID,
        quote_id,
        epoch: model.quote_epoch,
        expiry_ts: r.expiry_ts,
        strike: STRIKE_BASE + rng.range(0, 4) * STRIKE_STEP,
        up_price: up,
        down_price: down,
        max_size: rng.range(1, 80_000),
        valid_until_ms: model.now_ms() + i64::try_from(rng.range(0, 90_000)).unwrap(),
        generated_at_ms: model.now_ms(),
        ref_price: STRIKE_BASE,
        ref_ts_ms: model.now_ms(),
    };
    if rng.chance(10) {
        match rng.range(0, 6) {
            0 => q.epoch = q.epoch.wrapping_sub(1),
            1 => q.asset = q.asset % 3 + 1,
            2 => q.expiry_ts += 60,
            3 => q.cluster = 3,
            4 => q.flags = FLAG_SIMULATED,
            5 => q.down_price = 999_999u32.saturating_sub(q.up_price),
            _ => q.program_id[0] ^= 0xFF,
        }
    }
    q
}

fn random_settlement(rng: &mut Rng, model: &Model, round: usize) -> Settlement {
    let r = &model.rounds[round];
    let expiry_ms = r.expiry_ts * 1000;
    Settlement {
        cluster: model.cluster,
        asset: r.asset,
        flags: 0,
        program_id: PROGRAM_ID,
        expiry_ts: r.expiry_ts,
        price: STRIKE_BASE + rng.range(0, 8) * STRIKE_STEP / 2,
        published_at_ms: if rng.chance(90) {
            model.now_ms().max(expiry_ms)
        } else {
            expiry_ms - 1
        },
        method: 1,
        source_count: 4,
        sources_hash: [9; 32],
    }
}

/// The round a fill goes to: often one of the three opened last (still trading, and where a
/// lowered limit bites), otherwise any round ever opened.
fn random_take_round(rng: &mut Rng, model: &Model) -> usize {
    let last = model.rounds.len() - 1;
    let back = if rng.chance(50) {
        rng.range(0, 2)
    } else {
        rng.range(0, last as u64)
    };
    last.saturating_sub(usize::try_from(back).unwrap())
}

/// The side a trader who reads the round's book takes to offset it at the quote's strike: the
/// one with less size there. `None` if the book has nothing at that strike.
fn offsetting_side(model: &Model, round: usize, ix_data: &[u8]) -> Option<u8> {
    let quote = decode_quote(&ix_data[usize::from(ED25519_MESSAGE_OFFSET)..]).ok()?;
    let r = &model.rounds[round];
    let e = r.exposures[..usize::from(r.strike_count)]
        .iter()
        .find(|e| e.strike == quote.strike)?;
    Some(if e.up_size > e.down_size {
        SIDE_DOWN
    } else {
        SIDE_UP
    })
}

/// A fill size: mostly within the limits, sometimes around the minimum, sometimes anything.
fn random_size(rng: &mut Rng) -> u64 {
    match rng.range(0, 99) {
        0..=4 => rng.next_u64(),
        5..=14 => rng.range(1, 2 * MIN_SIZE),
        _ => rng.range(0, 30_000),
    }
}

/// The round limit after an admin update: mostly lowered (often below what open rounds already
/// risk), sometimes back to the default.
fn random_round_limit(rng: &mut Rng) -> u64 {
    if rng.chance(25) {
        limits().max_round_net_payout
    } else {
        rng.range(0, 10_000)
    }
}

/// What the random runs did: the operations of each kind that succeeded, the rule errors the
/// failed ones got.
#[derive(Default)]
struct Tally {
    ok: BTreeMap<&'static str, usize>,
    refused: HashMap<RuleError, usize>,
}

/// Runs one random sequence into `tally`.
fn run_sequence(seed: u64, steps: usize, tally: &mut Tally) {
    let mut rng = Rng::new(seed);
    let mut model = Model::new(START_TS, &[200_000, 200_000, 50_000, 5_000], limits());
    model.fund(300_000).unwrap();
    let mut quotes: Vec<(Vec<u8>, [u8; 16])> = Vec::new();
    let mut next_id: u128 = u128::from(seed) << 64;
    for step in 0..steps {
        let before = model.clone();
        let roll = rng.range(0, 99);
        let (kind, result): (&'static str, Result<(), ModelError>) = if roll < 10
            || model.rounds.is_empty()
        {
            let asset = u8::try_from(rng.range(0, 4)).unwrap();
            let expiry = random_expiry(&mut rng, model.now_ts);
            ("open_round", model.open_round(asset, expiry).map(|_| ()))
        } else if roll < 45 {
            let round = random_take_round(&mut rng, &model);
            let trader = usize::try_from(rng.range(0, 3)).unwrap();
            let (data, id) = if !quotes.is_empty() && rng.chance(30) {
                quotes[usize::try_from(rng.range(0, quotes.len() as u64 - 1)).unwrap()].clone()
            } else {
                next_id += 1;
                let id = next_id.to_le_bytes();
                let data = quote_ix_data(&random_quote(&mut rng, &model, round, id));
                quotes.push((data.clone(), id));
                (data, id)
            };
            let id_arg = if rng.chance(3) { [0xEE; 16] } else { id };
            let random_side = u8::try_from(rng.range(0, 2)).unwrap();
            let side = match offsetting_side(&model, round, &data) {
                Some(side) if rng.chance(30) => side,
                _ => random_side,
            };
            let size = random_size(&mut rng);
            let worst_before = model.rounds[round].worst_case_net_payout;
            let limit = model.limits.max_round_net_payout;
            match model.take(trader, round, &data, id_arg, side, size) {
                // The round was above a lowered limit and still is: only a fill that does not
                // raise its worst case gets in (the invariant checks that it did not).
                Ok(_)
                    if worst_before > limit
                        && model.rounds[round].worst_case_net_payout > limit =>
                {
                    ("take_over_lowered_limit", Ok(()))
                }
                // A fill that lowers the worst case is a hedge the net-payout limit credits.
                Ok(_) if model.rounds[round].worst_case_net_payout < worst_before => {
                    ("take_hedging", Ok(()))
                }
                result => ("take", result.map(|_| ())),
            }
        } else if roll < 55 {
            model.advance(if rng.chance(10) {
                700
            } else {
                i64::try_from(rng.range(1, 60)).unwrap()
            });
            ("advance", Ok(()))
        } else if roll < 63 {
            let round = usize::try_from(rng.range(0, model.rounds.len() as u64 - 1)).unwrap();
            let data = settlement_ix_data(&random_settlement(&mut rng, &model, round));
            ("settle", model.settle(round, &data))
        } else if roll < 78 && !model.positions.is_empty() {
            let p = usize::try_from(rng.range(0, model.positions.len() as u64 - 1)).unwrap();
            match model.claim(p) {
                Ok(ClaimDestination::Trader) => ("claim_won", Ok(())),
                Ok(ClaimDestination::House) => ("claim_lost", Ok(())),
                Err(e) => ("claim", Err(e)),
            }
        } else if roll < 86 && !model.positions.is_empty() {
            let p = usize::try_from(rng.range(0, model.positions.len() as u64 - 1)).unwrap();
            ("refund", model.refund(p))
        } else if roll < 90 {
            let round = usize::try_from(rng.range(0, model.rounds.len() as u64 - 1)).unwrap();
            ("close_round", model.close_round(round))
        } else if roll < 92 {
            ("fund", model.fund(rng.range(0, 50_000)))
        } else if roll < 95 && rng.chance(40) {
            // Mostly around the minimum; sometimes just above the maximum (refused).
            let grace = if rng.chance(10) {
                MAX_REFUND_GRACE_SEC + i64::try_from(rng.range(1, 1_000)).unwrap()
            } else {
                i64::try_from(rng.range(300, 1_200)).unwrap()
            };
            ("set_refund_grace", model.set_refund_grace(grace))
        } else if roll < 95 {
            let limits = Limits {
                max_round_net_payout: random_round_limit(&mut rng),
                ..limits()
            };
            model.set_limits(limits);
            ("set_limits", Ok(()))
        } else if roll < 97 {
            ("withdraw", model.withdraw(rng.range(0, 80_000)))
        } else if !quotes.is_empty() {
            let (_, id) = quotes[usize::try_from(rng.range(0, quotes.len() as u64 - 1)).unwrap()];
            ("close_quote_fill", model.close_quote_fill(id))
        } else {
            ("noop", Ok(()))
        };
        match result {
            Ok(()) => *tally.ok.entry(kind).or_default() += 1,
            Err(e) => {
                assert_eq!(
                    model, before,
                    "seed {seed} step {step}: failed {kind} changed state"
                );
                if let ModelError::Rule(rule) = e {
                    *tally.refused.entry(rule).or_default() += 1;
                }
            }
        }
        if let Err(broken) = model.invariant() {
            panic!("seed {seed} step {step} after {kind}: {broken}");
        }
    }
}

#[test]
fn vault_invariant_holds_across_random_sequences() {
    let mut tally = Tally::default();
    for seed in 0..300u64 {
        run_sequence(seed, 250, &mut tally);
    }
    let Tally { ok, refused } = tally;
    eprintln!("successful operations: {ok:?}");
    eprintln!("refused by rule: {refused:?}");
    for kind in [
        "open_round",
        "take",
        "take_hedging",
        "take_over_lowered_limit",
        "settle",
        "claim_won",
        "claim_lost",
        "refund",
        "close_round",
        "fund",
        "set_refund_grace",
        "set_limits",
        "withdraw",
        "close_quote_fill",
    ] {
        let n = ok.get(kind).copied().unwrap_or(0);
        assert!(
            n >= 20,
            "only {n} successful {kind} operations; the generator does not exercise it: {ok:?}"
        );
    }
    // The rules this model exists to exercise must actually refuse something.
    for rule in [
        RuleError::ExpiryNotOnSchedule,
        RuleError::RoundExpiryInPast,
        RuleError::RoundNetPayoutLimit,
        RuleError::SettlementTooLate,
        RuleError::SettlementBeforeExpiry,
        RuleError::RefundTooEarly,
        RuleError::RoundAlreadySettled,
        RuleError::RefundGraceOutOfRange,
        RuleError::TradingClosed,
        RuleError::PositionTooSmall,
    ] {
        let n = refused.get(&rule).copied().unwrap_or(0);
        assert!(
            n >= 20,
            "only {n} operations refused with {rule:?}; the generator does not reach it: {refused:?}"
        );
    }
}

#[test]
fn one_round_end_to_end_with_exact_balances() {
    let mut m = Model::new(START_TS, &[1_000, 1_000], limits());
    m.fund(10_000).unwrap();
    let round = m.open_round(1, START_TS + 300).unwrap();
    // A 5-minute expiry is also a 1-minute one: trading closes at the larger offset, 30 s.
    assert_eq!(
        (
            m.rounds[round].trading_close_ts,
            m.rounds[round].refund_after_ts
        ),
        (START_TS + 270, START_TS + 900)
    );
    let quote = |id: u8, max_size: u64| Quote {
        cluster: 1,
        asset: 1,
        flags: 0,
        program_id: PROGRAM_ID,
        quote_id: [id; 16],
        epoch: 3,
        expiry_ts: START_TS + 300,
        strike: STRIKE_BASE,
        up_price: 600_000,
        down_price: 420_000,
        max_size,
        valid_until_ms: (START_TS + 5) * 1000,
        generated_at_ms: START_TS * 1000,
        ref_price: STRIKE_BASE,
        ref_ts_ms: START_TS * 1000,
    };
    let q1 = quote_ix_data(&quote(1, 150));
    // Trader 0 buys 100 UP at 0.6: stake 60, house collateral 40.
    let up = m.take(0, round, &q1, [1; 16], 0, 100).unwrap();
    assert_eq!(
        (m.traders[0], m.house_vault, m.rounds[round].vault),
        (940, 9_960, 100)
    );
    // Alone, the UP costs the house its collateral if it wins.
    assert_eq!(m.rounds[round].worst_case_net_payout, 40);
    // Same trader, same quote: the Position PDA already exists.
    assert_eq!(
        m.take(0, round, &q1, [1; 16], 0, 10),
        Err(ModelError::AlreadyExists)
    );
    // Trader 1 takes the rest of the quote DOWN at 0.42: stake ceil(50 * 0.42) = 21, house 29.
    let down = m.take(1, round, &q1, [1; 16], 1, 50).unwrap();
    assert_eq!(
        (m.traders[1], m.house_vault, m.rounds[round].vault),
        (979, 9_931, 150)
    );
    // The DOWN offsets the UP: if UP wins the house pays 40 and keeps 21 (net 19); if DOWN wins
    // it pays 29 and keeps 60 (net −31). Gross collateral locked is still 69.
    assert_eq!(m.rounds[round].worst_case_net_payout, 19);
    // The quote is exhausted: a replay is over its max size.
    let q1_again = m.take(1, round, &q1, [1; 16], 0, 10);
    assert_eq!(q1_again, Err(ModelError::Rule(RuleError::QuoteOverfilled)));
    assert_eq!(m.house_liability, 69);
    // Nothing settles or claims before expiry.
    assert_eq!(
        m.claim(up),
        Err(ModelError::Rule(RuleError::RoundNotSettled))
    );
    m.advance(300);
    let settle = Settlement {
        cluster: 1,
        asset: 1,
        flags: 0,
        program_id: PROGRAM_ID,
        expiry_ts: START_TS + 300,
        price: STRIKE_BASE,
        published_at_ms: (START_TS + 300) * 1000,
        method: 1,
        source_count: 4,
        sources_hash: [0; 32],
    };
    m.settle(round, &settlement_ix_data(&settle)).unwrap();
    assert_eq!(m.rounds[round].status, RoundStatus::Settled);
    assert_eq!(
        m.settle(round, &settlement_ix_data(&settle)),
        Err(ModelError::Rule(RuleError::RoundAlreadySettled))
    );
    // Tie: UP wins the full 100; DOWN's 50 goes to the house.
    assert_eq!(m.claim(up), Ok(ClaimDestination::Trader));
    assert_eq!(m.claim(down), Ok(ClaimDestination::House));
    assert_eq!(
        (
            m.traders[0],
            m.traders[1],
            m.house_vault,
            m.rounds[round].vault
        ),
        (1_040, 979, 9_981, 0)
    );
    assert_eq!(m.refund(up), Err(ModelError::Missing));
    m.close_round(round).unwrap();
    m.invariant().unwrap();
    // The replay record can go once the quote has lapsed, and cannot be refilled afterwards.
    m.close_quote_fill([1; 16]).unwrap();
    let reopened = m.open_round(1, m.now_ts + 300).unwrap();
    assert_eq!(
        m.take(0, reopened, &q1, [1; 16], 0, 10),
        Err(ModelError::Rule(RuleError::QuoteExpiryMismatch))
    );
    m.invariant().unwrap();
}

#[test]
fn unsettled_round_refunds_stake_and_house_collateral() {
    let mut m = Model::new(START_TS, &[1_000], limits());
    m.fund(1_000).unwrap();
    let round = m.open_round(2, START_TS + 60).unwrap();
    let mut q = support::sample_quote();
    q.asset = 2;
    q.expiry_ts = START_TS + 60;
    q.valid_until_ms = START_TS * 1000;
    q.up_price = 333_333;
    q.down_price = 666_667;
    let p = m
        .take(0, round, &quote_ix_data(&q), q.quote_id, 0, 10)
        .unwrap();
    assert_eq!((m.traders[0], m.house_vault), (996, 994));
    m.advance(60 + 599);
    assert_eq!(
        m.refund(p),
        Err(ModelError::Rule(RuleError::RefundTooEarly))
    );
    m.advance(1);
    m.refund(p).unwrap();
    assert_eq!(m.rounds[round].status, RoundStatus::Refunding);
    assert_eq!(
        (m.traders[0], m.house_vault, m.rounds[round].vault),
        (1_000, 1_000, 0)
    );
    m.invariant().unwrap();
}

/// A quote for round `round` of `m` at (`up`, `down`), valid for the next 5 s.
fn both_sides_quote(m: &Model, round: usize, id: u8, up: u32, down: u32, max_size: u64) -> Quote {
    let r = &m.rounds[round];
    Quote {
        cluster: m.cluster,
        asset: r.asset,
        flags: 0,
        program_id: PROGRAM_ID,
        quote_id: [id; 16],
        epoch: m.quote_epoch,
        expiry_ts: r.expiry_ts,
        strike: STRIKE_BASE,
        up_price: up,
        down_price: down,
        max_size,
        valid_until_ms: m.now_ms() + 5_000,
        generated_at_ms: m.now_ms(),
        ref_price: STRIKE_BASE,
        ref_ts_ms: m.now_ms(),
    }
}

#[test]
fn below_par_quote_would_let_two_wallets_beat_the_house_and_is_refused() {
    // At 0.5 + 0.499999, UP and DOWN of 1_000_000 cost 500_000 + 499_999 = 999_999 < the payout.
    let size = 1_000_000u64;
    let up = fill_amounts(size, 500_000).unwrap();
    let down = fill_amounts(size, 499_999).unwrap();
    assert_eq!(up.stake + down.stake, size - 1);

    let mut m = Model::new(START_TS, &[size, size], limits_for(size));
    m.fund(2 * size).unwrap();
    let round = m.open_round(1, START_TS + 300).unwrap();
    let q = quote_ix_data(&both_sides_quote(&m, round, 7, 500_000, 499_999, 2 * size));
    let before = m.clone();
    for (trader, side) in [(0, 0u8), (1, 1u8)] {
        assert_eq!(
            m.take(trader, round, &q, [7; 16], side, size),
            Err(ModelError::Rule(RuleError::QuoteBelowPar))
        );
        assert_eq!(m, before);
    }
    // Exactly at par the same pair of fills is accepted and costs the house nothing.
    let q = quote_ix_data(&both_sides_quote(&m, round, 8, 500_000, 500_000, 2 * size));
    m.take(0, round, &q, [8; 16], 0, size).unwrap();
    m.take(1, round, &q, [8; 16], 1, size).unwrap();
    assert_eq!(m.house_vault, 2 * size - size);
    m.invariant().unwrap();
}

/// Room for one fill of `size` per wallet; the round limit is the largest house collateral a
/// single unhedged fill of `size` can lock, so the pair always fits whatever the prices.
fn limits_for(size: u64) -> Limits {
    Limits {
        min_position_size: 1,
        max_position_size: size,
        max_round_net_payout: size,
        max_wallet_round_size: size,
    }
}

#[test]
fn both_sides_of_one_quote_never_cost_the_house_for_any_accepted_price_pair() {
    let mut rng = Rng::new(0x9A2);
    let (mut accepted, mut below_par) = (0, 0);
    for case in 0..2_000u32 {
        let up = u32::try_from(rng.range(1, 999_999)).unwrap();
        let down = match case % 4 {
            0 => 1_000_000 - up,
            1 => 1_000_000 - up - 1,
            _ => u32::try_from(rng.range(1, 999_999)).unwrap(),
        };
        let size = rng.range(1, 5_000_000);
        let mut m = Model::new(START_TS, &[size, size], limits_for(size));
        m.fund(2 * size).unwrap();
        let round = m.open_round(1, START_TS + 300).unwrap();
        let q = quote_ix_data(&both_sides_quote(&m, round, 1, up, down, 2 * size));
        let (taken_up, taken_down) = (
            m.take(0, round, &q, [1; 16], 0, size),
            m.take(1, round, &q, [1; 16], 1, size),
        );
        if u64::from(up) + u64::from(down) < 1_000_000 {
            assert_eq!(taken_up, Err(ModelError::Rule(RuleError::QuoteBelowPar)));
            assert_eq!(taken_down, Err(ModelError::Rule(RuleError::QuoteBelowPar)));
            below_par += 1;
            continue;
        }
        // A side can still be refused on its own (a stake rounding up to the whole size).
        let (Ok(p_up), Ok(p_down)) = (taken_up, taken_down) else {
            continue;
        };
        accepted += 1;
        m.advance(300);
        let price = if rng.chance(50) {
            STRIKE_BASE
        } else {
            STRIKE_BASE - 1
        };
        let settlement = Settlement {
            cluster: m.cluster,
            asset: 1,
            flags: 0,
            program_id: PROGRAM_ID,
            expiry_ts: START_TS + 300,
            price,
            published_at_ms: m.now_ms(),
            method: 1,
            source_count: 4,
            sources_hash: [0; 32],
        };
        m.settle(round, &settlement_ix_data(&settlement)).unwrap();
        m.claim(p_up).unwrap();
        m.claim(p_down).unwrap();
        m.invariant().unwrap();
        assert!(
            m.house_vault >= 2 * size,
            "up {up} down {down} size {size}: house ends with {} of {}",
            m.house_vault,
            2 * size
        );
    }
    assert!(accepted > 800, "only {accepted} cases reached settlement");
    assert!(below_par > 800, "only {below_par} below-par cases");
}
