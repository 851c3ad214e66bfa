//! Parameter parsing and the JSON shapes of accounts and errors, as a validator's RPC writes them.

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use serde_json::{json, Value};
use solana_sdk::{
    account::Account, pubkey::Pubkey, signature::Signature, transaction::TransactionError,
    transaction::VersionedTransaction,
};

use super::RpcError;

/// Positional parameter `i`, or `Null`.
pub fn param(params: &Value, i: usize) -> &Value {
    params.get(i).unwrap_or(&Value::Null)
}

/// A config object's field (`params[i].name`), or `Null`.
pub fn config_field<'a>(params: &'a Value, i: usize, name: &str) -> &'a Value {
    param(params, i).get(name).unwrap_or(&Value::Null)
}

pub fn pubkey_param(params: &Value, i: usize) -> Result<Pubkey, RpcError> {
    let s = param(params, i).as_str().ok_or_else(|| {
        RpcError::invalid_params(format!("param {i}: expected a base58 public key"))
    })?;
    parse_pubkey(s)
}

pub fn parse_pubkey(s: &str) -> Result<Pubkey, RpcError> {
    s.parse::<Pubkey>()
        .map_err(|_| RpcError::invalid_params(format!("Invalid param: invalid public key {s:?}")))
}

pub fn parse_signature(s: &str) -> Result<Signature, RpcError> {
    s.parse::<Signature>()
        .map_err(|_| RpcError::invalid_params(format!("Invalid param: invalid signature {s:?}")))
}

/// Bytes of a base58/base64 string (`encoding` defaults to base58, as on a validator).
pub fn decode_bytes(data: &str, encoding: &str) -> Result<Vec<u8>, RpcError> {
    match encoding {
        "base58" => bs58::decode(data)
            .into_vec()
            .map_err(|e| RpcError::invalid_params(format!("invalid base58 data: {e}"))),
        "base64" => B64
            .decode(data)
            .map_err(|e| RpcError::invalid_params(format!("invalid base64 data: {e}"))),
        other => Err(RpcError::invalid_params(format!(
            "unsupported encoding: {other}"
        ))),
    }
}

/// A wire transaction (`params[0]`, `params[1].encoding`).
pub fn transaction_param(params: &Value) -> Result<VersionedTransaction, RpcError> {
    let data = param(params, 0)
        .as_str()
        .ok_or_else(|| RpcError::invalid_params("param 0: expected an encoded transaction"))?;
    let encoding = config_field(params, 1, "encoding")
        .as_str()
        .unwrap_or("base58");
    let bytes = decode_bytes(data, encoding)?;
    bincode::deserialize::<VersionedTransaction>(&bytes)
        .map_err(|e| RpcError::invalid_params(format!("failed to deserialize transaction: {e}")))
}

/// `dataSlice: {offset, length}` of a config object.
pub fn data_slice(config: &Value) -> Option<(usize, usize)> {
    let s = config.get("dataSlice")?;
    let offset = usize::try_from(s.get("offset")?.as_u64()?).ok()?;
    let length = usize::try_from(s.get("length")?.as_u64()?).ok()?;
    Some((offset, length))
}

/// An account as `getAccountInfo` returns it. `encoding`: `base64` (also for `jsonParsed`,
/// which a validator falls back to for data it cannot parse), `base58`, or none (legacy binary:
/// a bare base58 string).
pub fn account_json(
    acc: &Account,
    encoding: Option<&str>,
    slice: Option<(usize, usize)>,
) -> Result<Value, RpcError> {
    let data: &[u8] = match slice {
        Some((offset, length)) => {
            let start = offset.min(acc.data.len());
            let end = start.saturating_add(length).min(acc.data.len());
            &acc.data[start..end]
        }
        None => &acc.data,
    };
    let data = match encoding {
        None | Some("binary") => json!(bs58::encode(data).into_string()),
        Some("base58") => json!([bs58::encode(data).into_string(), "base58"]),
        Some("base64") | Some("jsonParsed") => json!([B64.encode(data), "base64"]),
        Some(other) => {
            return Err(RpcError::invalid_params(format!(
                "unsupported account encoding: {other}"
            )))
        }
    };
    Ok(json!({
        "data": data,
        "executable": acc.executable,
        "lamports": acc.lamports,
        "owner": acc.owner.to_string(),
        "rentEpoch": acc.rent_epoch,
        "space": acc.data.len(),
    }))
}

/// A transaction error as RPC JSON (`{"InstructionError":[1,{"Custom":6010}]}`).
pub fn error_json(err: &TransactionError) -> Value {
    serde_json::to_value(err).unwrap_or_else(|_| json!(err.to_string()))
}

/// `null` for success, the error otherwise.
pub fn result_err_json(result: &Result<(), TransactionError>) -> Value {
    match result {
        Ok(()) => Value::Null,
        Err(e) => error_json(e),
    }
}

/// The legacy `status` field: `{"Ok":null}` or `{"Err":…}`.
pub fn status_json(result: &Result<(), TransactionError>) -> Value {
    match result {
        Ok(()) => json!({ "Ok": null }),
        Err(e) => json!({ "Err": error_json(e) }),
    }
}
