//! The vault invariant across random take / settle / claim / refund / fund / withdraw / close
//! sequences, run through the model in `support/vault_model.rs`:
//! round vault == Σ open sizes; house + Σ round vaults == funding − withdrawals + stakes − payouts;
//! no token created or destroyed; a failed operation changes nothing.

mod support;

use std::collections::BTreeMap;

use exec_trade_rules::{
    fill_amounts, ClaimDestination, Limits, Quote, RoundStatus, RuleError, Settlement,
    FLAG_SIMULATED,
};
use support::vault_model::{Model, ModelError};
use support::{quote_ix_data, settlement_ix_data, Rng, PROGRAM_ID};

const STRIKE_BASE: u64 = 97_300_000_000;
const STRIKE_STEP: u64 = 100_000_000;
const START_TS: i64 = 1_800_000_000;

fn limits() -> Limits {
    Limits {
        max_position_size: 40_000,
        max_round_liability: 150_000,
        max_wallet_round_size: 60_000,
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

/// Runs one random sequence; returns how many operations of each kind succeeded.
fn run_sequence(seed: u64, steps: usize, ok: &mut BTreeMap<&'static str, usize>) {
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
            let expiry = model.now_ts + i64::try_from(rng.range(0, 240)).unwrap();
            ("open_round", model.open_round(asset, expiry).map(|_| ()))
        } else if roll < 45 {
            let round = usize::try_from(rng.range(0, model.rounds.len() as u64 - 1)).unwrap();
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
            let side = u8::try_from(rng.range(0, 2)).unwrap();
            let size = if rng.chance(5) {
                rng.next_u64()
            } else {
                rng.range(0, 30_000)
            };
            (
                "take",
                model
                    .take(trader, round, &data, id_arg, side, size)
                    .map(|_| ()),
            )
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
        } else if roll < 94 {
            ("fund", model.fund(rng.range(0, 50_000)))
        } else if roll < 97 {
            ("withdraw", model.withdraw(rng.range(0, 80_000)))
        } else if !quotes.is_empty() {
            let (_, id) = quotes[usize::try_from(rng.range(0, quotes.len() as u64 - 1)).unwrap()];
            ("close_quote_fill", model.close_quote_fill(id))
        } else {
            ("noop", Ok(()))
        };
        match result {
            Ok(()) => *ok.entry(kind).or_default() += 1,
            Err(_) => assert_eq!(
                model, before,
                "seed {seed} step {step}: failed {kind} changed state"
            ),
        }
        if let Err(broken) = model.invariant() {
            panic!("seed {seed} step {step} after {kind}: {broken}");
        }
    }
}

#[test]
fn vault_invariant_holds_across_random_sequences() {
    let mut ok = BTreeMap::new();
    for seed in 0..300u64 {
        run_sequence(seed, 250, &mut ok);
    }
    eprintln!("successful operations: {ok:?}");
    for kind in [
        "open_round",
        "take",
        "settle",
        "claim_won",
        "claim_lost",
        "refund",
        "close_round",
        "fund",
        "withdraw",
        "close_quote_fill",
    ] {
        let n = ok.get(kind).copied().unwrap_or(0);
        assert!(
            n >= 20,
            "only {n} successful {kind} operations; the generator does not exercise it: {ok:?}"
        );
    }
}

#[test]
fn one_round_end_to_end_with_exact_balances() {
    let mut m = Model::new(START_TS, &[1_000, 1_000], limits());
    m.fund(10_000).unwrap();
    let round = m.open_round(1, START_TS + 300).unwrap();
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
    // The quote is exhausted: a replay is over its max size.
    let q1_again = m.take(1, round, &q1, [1; 16], 0, 1);
    assert!(matches!(
        q1_again,
        Err(ModelError::AlreadyExists) | Err(ModelError::Rule(_))
    ));
    assert_eq!(m.house_liability, 69);
    // Nothing settles or claims before expiry.
    assert!(m.claim(up).is_err());
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
    assert!(m.settle(round, &settlement_ix_data(&settle)).is_err());
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
    assert!(m.refund(up).is_err());
    m.close_round(round).unwrap();
    m.invariant().unwrap();
    // The replay record can go once the quote has lapsed, and cannot be refilled afterwards.
    m.close_quote_fill([1; 16]).unwrap();
    let reopened = m.open_round(1, m.now_ts + 300).unwrap();
    assert!(m.take(0, reopened, &q1, [1; 16], 0, 10).is_err());
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
    assert!(m.refund(p).is_err());
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

fn limits_for(size: u64) -> Limits {
    Limits {
        max_position_size: size,
        max_round_liability: 2 * size,
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
