//! Transactions: sendTransaction, simulateTransaction, getSignatureStatuses, getTransaction,
//! requestAirdrop, getLatestBlockhash, isBlockhashValid, getFeeForMessage.

use serde_json::{json, Value};
use solana_sdk::{
    hash::Hash, message::VersionedMessage, native_token::LAMPORTS_PER_SOL,
    transaction::VersionedTransaction,
};

use super::encoding::{
    config_field, decode_bytes, error_json, param, parse_signature, pubkey_param, result_err_json,
    status_json, transaction_param,
};
use super::tx_json::{inner_instructions_json, transaction_json};
use super::{with_context, Chain, Landed, RpcError, RpcResult};
use crate::bank::{fee_of, Rejected, Simulation};
use crate::history::TxRecord;

/// Most SOL one requestAirdrop may ask for.
const MAX_AIRDROP_LAMPORTS: u64 = 1_000 * LAMPORTS_PER_SOL;

pub async fn call(chain: &Chain, method: &str, params: &Value) -> Option<RpcResult> {
    let r = match method {
        "sendTransaction" => send_transaction(chain, params).await,
        "simulateTransaction" => simulate_transaction(chain, params).await,
        "getSignatureStatuses" => get_signature_statuses(chain, params).await,
        "getTransaction" => get_transaction(chain, params).await,
        "requestAirdrop" => request_airdrop(chain, params).await,
        "getLatestBlockhash" => get_latest_blockhash(chain).await,
        "isBlockhashValid" => is_blockhash_valid(chain, params).await,
        "getFeeForMessage" => get_fee_for_message(chain, params).await,
        _ => return None,
    };
    Some(r)
}

fn bank_err(e: impl std::fmt::Display) -> RpcError {
    RpcError::internal(format!("bank: {e}"))
}

/// The validator's `-32002` preflight failure, with the simulation's error and logs as `data`.
fn preflight_error(sim: &Simulation) -> RpcError {
    let message = match &sim.result {
        Err(e) => format!("Transaction simulation failed: {e}"),
        Ok(()) => "Transaction simulation failed".to_string(),
    };
    RpcError {
        code: -32002,
        message,
        data: Some(json!({
            "err": result_err_json(&sim.result),
            "logs": sim.logs,
            "accounts": null,
            "unitsConsumed": sim.units_consumed,
            "returnData": null,
            "innerInstructions": null,
        })),
    }
}

fn rejected_error(r: Rejected) -> RpcError {
    match r {
        Rejected::Invalid(msg) if msg.contains("signature verification") => RpcError {
            code: -32003,
            message: msg,
            data: None,
        },
        Rejected::Invalid(msg) => RpcError::invalid_params(msg),
        Rejected::Transaction(e) => RpcError {
            code: -32002,
            message: format!("Transaction simulation failed: {e}"),
            data: Some(
                json!({ "err": error_json(&e), "logs": [], "accounts": null, "unitsConsumed": 0, "returnData": null }),
            ),
        },
        Rejected::Preflight(sim) => preflight_error(&sim),
        Rejected::Bank(msg) => RpcError::internal(msg),
    }
}

fn landed_event(record: &TxRecord) -> Landed {
    Landed {
        signature: record.signature,
        slot: record.slot,
        err: record.result.clone().err(),
        logs: record.logs.clone(),
        keys: record.transaction.message.static_account_keys().to_vec(),
    }
}

async fn send_transaction(chain: &Chain, params: &Value) -> RpcResult {
    let tx = transaction_param(params)?;
    let skip_preflight = config_field(params, 1, "skipPreflight")
        .as_bool()
        .unwrap_or(false);
    let mut bank = chain.bank.lock().await;
    let record = bank
        .send(tx, !skip_preflight)
        .await
        .map_err(rejected_error)?;
    let signature = record.signature.to_string();
    let _ = chain.landed.send(landed_event(record));
    Ok(json!(signature))
}

async fn simulate_transaction(chain: &Chain, params: &Value) -> RpcResult {
    let mut tx = transaction_param(params)?;
    let sig_verify = config_field(params, 1, "sigVerify")
        .as_bool()
        .unwrap_or(false);
    let replace = config_field(params, 1, "replaceRecentBlockhash")
        .as_bool()
        .unwrap_or(false);
    let with_inner = config_field(params, 1, "innerInstructions")
        .as_bool()
        .unwrap_or(false);
    if sig_verify && replace {
        return Err(RpcError::invalid_params(
            "sigVerify may not be used with replaceRecentBlockhash",
        ));
    }
    if !config_field(params, 1, "accounts").is_null() {
        return Err(RpcError::invalid_params(
            "simulateTransaction `accounts` is not supported by the exec-trade local chain",
        ));
    }
    let mut bank = chain.bank.lock().await;
    let mut replacement = Value::Null;
    if replace {
        let (hash, last_valid) = bank.latest_blockhash().await.map_err(bank_err)?;
        set_blockhash(&mut tx, hash);
        replacement = json!({ "blockhash": hash.to_string(), "lastValidBlockHeight": last_valid });
    }
    if sig_verify && tx.verify_with_results().iter().any(|ok| !ok) {
        return Err(RpcError {
            code: -32003,
            message: "Transaction signature verification failure".into(),
            data: None,
        });
    }
    let sim = bank.simulate(&tx).await.map_err(rejected_error)?;
    let inner = if with_inner {
        inner_instructions_json(sim.inner_instructions.as_ref())
    } else {
        Value::Null
    };
    let mut value = json!({
        "err": result_err_json(&sim.result),
        "logs": sim.logs,
        "accounts": null,
        "unitsConsumed": sim.units_consumed,
        "returnData": null,
        "innerInstructions": inner,
    });
    if !replacement.is_null() {
        value["replacementBlockhash"] = replacement;
    }
    Ok(with_context(sim.slot, value))
}

fn set_blockhash(tx: &mut VersionedTransaction, hash: Hash) {
    match &mut tx.message {
        VersionedMessage::Legacy(m) => m.recent_blockhash = hash,
        VersionedMessage::V0(m) => m.recent_blockhash = hash,
    }
}

async fn get_signature_statuses(chain: &Chain, params: &Value) -> RpcResult {
    let sigs = param(params, 0)
        .as_array()
        .ok_or_else(|| RpcError::invalid_params("param 0: expected an array of signatures"))?;
    if sigs.len() > 256 {
        return Err(RpcError::invalid_params(
            "Too many inputs provided; max 256",
        ));
    }
    let mut bank = chain.bank.lock().await;
    let slot = bank.slot().await.map_err(bank_err)?;
    let mut out = Vec::with_capacity(sigs.len());
    for s in sigs {
        let sig = parse_signature(s.as_str().unwrap_or_default())?;
        out.push(match bank.record(&sig) {
            Some(r) => json!({
                "slot": r.slot,
                "confirmations": null,
                "err": result_err_json(&r.result),
                "status": status_json(&r.result),
                "confirmationStatus": "finalized",
            }),
            None => Value::Null,
        });
    }
    Ok(with_context(slot, Value::Array(out)))
}

async fn get_transaction(chain: &Chain, params: &Value) -> RpcResult {
    let sig = parse_signature(param(params, 0).as_str().unwrap_or_default())?;
    let config = param(params, 1);
    // A bare string second parameter is the legacy encoding argument.
    let encoding = config
        .as_str()
        .or_else(|| config.get("encoding").and_then(Value::as_str))
        .unwrap_or("json");
    let max_version = config
        .get("maxSupportedTransactionVersion")
        .and_then(Value::as_u64);
    let bank = chain.bank.lock().await;
    let Some(r) = bank.record(&sig) else {
        return Ok(Value::Null);
    };
    let is_v0 = matches!(r.transaction.message, VersionedMessage::V0(_));
    if is_v0 && max_version.is_none() {
        return Err(RpcError {
            code: -32015,
            message: "Transaction version (0) is not supported by the requesting client. Please try the request again with the following configuration parameter: \"maxSupportedTransactionVersion\": 0".into(),
            data: None,
        });
    }
    let mut meta = json!({
        "err": result_err_json(&r.result),
        "status": status_json(&r.result),
        "fee": r.fee,
        "preBalances": r.pre_balances,
        "postBalances": r.post_balances,
        "innerInstructions": inner_instructions_json(r.inner_instructions.as_ref()),
        "logMessages": r.logs,
        "preTokenBalances": [],
        "postTokenBalances": [],
        "rewards": [],
        "computeUnitsConsumed": r.units_consumed,
        "returnData": null,
    });
    if is_v0 {
        meta["loadedAddresses"] = json!({ "writable": [], "readonly": [] });
    }
    let mut out = json!({
        "slot": r.slot,
        "blockTime": r.block_time,
        "transaction": transaction_json(&r.transaction, encoding)?,
        "meta": meta,
    });
    if max_version.is_some() {
        out["version"] = if is_v0 { json!(0) } else { json!("legacy") };
    }
    Ok(out)
}

async fn request_airdrop(chain: &Chain, params: &Value) -> RpcResult {
    let to = pubkey_param(params, 0)?;
    let lamports = param(params, 1)
        .as_u64()
        .ok_or_else(|| RpcError::invalid_params("param 1: expected lamports"))?;
    if lamports == 0 || lamports > MAX_AIRDROP_LAMPORTS {
        return Err(RpcError::invalid_params(format!(
            "airdrop must be 1..={MAX_AIRDROP_LAMPORTS} lamports"
        )));
    }
    let mut bank = chain.bank.lock().await;
    let sig = bank.airdrop(&to, lamports).await.map_err(rejected_error)?;
    if let Some(r) = bank.record(&sig) {
        let _ = chain.landed.send(landed_event(r));
    }
    Ok(json!(sig.to_string()))
}

async fn get_latest_blockhash(chain: &Chain) -> RpcResult {
    let mut bank = chain.bank.lock().await;
    let slot = bank.slot().await.map_err(bank_err)?;
    let (hash, last_valid) = bank.latest_blockhash().await.map_err(bank_err)?;
    Ok(with_context(
        slot,
        json!({ "blockhash": hash.to_string(), "lastValidBlockHeight": last_valid }),
    ))
}

async fn is_blockhash_valid(chain: &Chain, params: &Value) -> RpcResult {
    let s = param(params, 0)
        .as_str()
        .ok_or_else(|| RpcError::invalid_params("param 0: expected a blockhash"))?;
    let hash: Hash = s
        .parse()
        .map_err(|_| RpcError::invalid_params(format!("Invalid param: invalid blockhash {s:?}")))?;
    let mut bank = chain.bank.lock().await;
    let slot = bank.slot().await.map_err(bank_err)?;
    let valid = bank.is_blockhash_valid(&hash).await.map_err(bank_err)?;
    Ok(with_context(slot, json!(valid)))
}

async fn get_fee_for_message(chain: &Chain, params: &Value) -> RpcResult {
    let data = param(params, 0)
        .as_str()
        .ok_or_else(|| RpcError::invalid_params("param 0: expected a base64 message"))?;
    let bytes = decode_bytes(data, "base64")?;
    let message: VersionedMessage = bincode::deserialize(&bytes)
        .map_err(|e| RpcError::invalid_params(format!("failed to deserialize message: {e}")))?;
    let mut bank = chain.bank.lock().await;
    let slot = bank.slot().await.map_err(bank_err)?;
    let valid = bank
        .is_blockhash_valid(message.recent_blockhash())
        .await
        .map_err(bank_err)?;
    let fee = if valid {
        json!(fee_of(&message, bank.lamports_per_signature()))
    } else {
        Value::Null
    };
    Ok(with_context(slot, fee))
}
