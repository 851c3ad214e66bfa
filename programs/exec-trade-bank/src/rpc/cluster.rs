//! Cluster and node queries (getSlot, getBlockHeight, getEpochInfo, getVersion, getHealth,
//! getGenesisHash, getIdentity) and the local chain's own clock methods:
//!
//! - `exec_getClock` → `{unixTimestamp, slot, mode: "followWall"|"frozen"}`
//! - `exec_advanceClock [{seconds}]` moves the chain clock forward, keeping its mode
//! - `exec_setClock [{unixTimestamp?, followWallClock?}]` sets it (never backwards); with
//!   `followWallClock: false` it stands still until the next set or advance. Without
//!   `unixTimestamp`: freeze it where it is, or follow the wall clock again from where it is
//!   (jumping forward to wall time if it was behind)
//!
//! Each returns the clock as `exec_getClock` does.

use serde_json::{json, Value};
use solana_sdk::signature::Signer;

use super::encoding::{config_field, param};
use super::{Chain, RpcError, RpcResult, API_VERSION};
use crate::bank::{ClockMode, LocalBank};

pub async fn call(chain: &Chain, method: &str, params: &Value) -> Option<RpcResult> {
    let r = match method {
        "getSlot" => slot(chain).await,
        "getBlockHeight" => block_height(chain).await,
        "getEpochInfo" => epoch_info(chain).await,
        "getVersion" => Ok(json!({ "solana-core": API_VERSION, "feature-set": 0 })),
        "getHealth" => Ok(json!("ok")),
        "getGenesisHash" => Ok(json!(chain.bank.lock().await.genesis_hash().to_string())),
        "getIdentity" => {
            Ok(json!({ "identity": chain.bank.lock().await.faucet().pubkey().to_string() }))
        }
        "exec_getClock" => {
            let mut bank = chain.bank.lock().await;
            clock_json(&mut bank).await
        }
        "exec_advanceClock" => advance_clock(chain, params).await,
        "exec_setClock" => set_clock(chain, params).await,
        _ => return None,
    };
    Some(r)
}

fn bank_err(e: impl std::fmt::Display) -> RpcError {
    RpcError::internal(format!("bank: {e}"))
}

async fn slot(chain: &Chain) -> RpcResult {
    Ok(json!(chain
        .bank
        .lock()
        .await
        .slot()
        .await
        .map_err(bank_err)?))
}

async fn block_height(chain: &Chain) -> RpcResult {
    Ok(json!(chain
        .bank
        .lock()
        .await
        .block_height()
        .await
        .map_err(bank_err)?))
}

async fn epoch_info(chain: &Chain) -> RpcResult {
    let mut bank = chain.bank.lock().await;
    let slot = bank.slot().await.map_err(bank_err)?;
    let height = bank.block_height().await.map_err(bank_err)?;
    Ok(json!({
        "absoluteSlot": slot,
        "blockHeight": height,
        "epoch": 0,
        "slotIndex": slot,
        "slotsInEpoch": 432_000,
        "transactionCount": bank.transaction_count(),
    }))
}

async fn clock_json(bank: &mut LocalBank) -> RpcResult {
    let slot = bank.slot().await.map_err(bank_err)?;
    let mode = match bank.clock_mode() {
        ClockMode::FollowWall { .. } => "followWall",
        ClockMode::Frozen { .. } => "frozen",
    };
    Ok(json!({ "unixTimestamp": bank.unix_ts(), "slot": slot, "mode": mode }))
}

/// `[{seconds}]` or `[seconds]`.
async fn advance_clock(chain: &Chain, params: &Value) -> RpcResult {
    let seconds = config_field(params, 0, "seconds")
        .as_i64()
        .or_else(|| param(params, 0).as_i64())
        .ok_or_else(|| {
            RpcError::invalid_params("exec_advanceClock takes [{\"seconds\": n}] with n ≥ 0")
        })?;
    let mut bank = chain.bank.lock().await;
    bank.advance_clock(seconds)
        .await
        .map_err(RpcError::invalid_params)?;
    clock_json(&mut bank).await
}

async fn set_clock(chain: &Chain, params: &Value) -> RpcResult {
    let usage = "exec_setClock takes [{\"unixTimestamp\"?: n, \"followWallClock\"?: bool}]";
    if !matches!(params.get(0), None | Some(Value::Object(_))) {
        return Err(RpcError::invalid_params(usage));
    }
    let ts = match config_field(params, 0, "unixTimestamp") {
        Value::Null => None,
        v => Some(v.as_i64().ok_or_else(|| RpcError::invalid_params(usage))?),
    };
    let follow = config_field(params, 0, "followWallClock")
        .as_bool()
        .unwrap_or(true);
    let mut bank = chain.bank.lock().await;
    bank.set_clock(ts, follow)
        .await
        .map_err(RpcError::invalid_params)?;
    clock_json(&mut bank).await
}
