//! Account reads: getAccountInfo, getMultipleAccounts, getProgramAccounts, getBalance,
//! getTokenAccountBalance, getTokenAccountsByOwner, getMinimumBalanceForRentExemption.

use serde_json::{json, Value};
use solana_sdk::{account::Account, program_pack::Pack, pubkey::Pubkey};

use super::encoding::{
    account_json, config_field, data_slice, decode_bytes, param, parse_pubkey, pubkey_param,
};
use super::{with_context, Chain, RpcError, RpcResult};
use crate::bank::LocalBank;

/// Most keys one getMultipleAccounts call may ask for (a validator's limit).
const MAX_MULTIPLE_ACCOUNTS: usize = 100;

pub async fn call(chain: &Chain, method: &str, params: &Value) -> Option<RpcResult> {
    let r = match method {
        "getAccountInfo" => get_account_info(chain, params).await,
        "getMultipleAccounts" => get_multiple_accounts(chain, params).await,
        "getProgramAccounts" => get_program_accounts(chain, params).await,
        "getBalance" => get_balance(chain, params).await,
        "getTokenAccountBalance" => get_token_account_balance(chain, params).await,
        "getTokenAccountsByOwner" => get_token_accounts_by_owner(chain, params).await,
        "getMinimumBalanceForRentExemption" => rent_exempt_minimum(chain, params).await,
        _ => return None,
    };
    Some(r)
}

fn bank_err(e: impl std::fmt::Display) -> RpcError {
    RpcError::internal(format!("bank: {e}"))
}

async fn slot_of(bank: &mut LocalBank) -> Result<u64, RpcError> {
    bank.slot().await.map_err(bank_err)
}

async fn get_account_info(chain: &Chain, params: &Value) -> RpcResult {
    let key = pubkey_param(params, 0)?;
    let config = param(params, 1);
    let encoding = config.get("encoding").and_then(Value::as_str);
    let mut bank = chain.bank.lock().await;
    let slot = slot_of(&mut bank).await?;
    let acc = bank.account(&key).await.map_err(bank_err)?;
    let value = match acc.filter(|a| a.lamports > 0) {
        Some(a) => account_json(&a, encoding, data_slice(config))?,
        None => Value::Null,
    };
    Ok(with_context(slot, value))
}

async fn get_multiple_accounts(chain: &Chain, params: &Value) -> RpcResult {
    let keys = param(params, 0)
        .as_array()
        .ok_or_else(|| RpcError::invalid_params("param 0: expected an array of public keys"))?;
    if keys.len() > MAX_MULTIPLE_ACCOUNTS {
        return Err(RpcError::invalid_params(format!(
            "Too many inputs provided; max {MAX_MULTIPLE_ACCOUNTS}"
        )));
    }
    let config = param(params, 1);
    let encoding = config.get("encoding").and_then(Value::as_str);
    let mut bank = chain.bank.lock().await;
    let slot = slot_of(&mut bank).await?;
    let mut out = Vec::with_capacity(keys.len());
    for k in keys {
        let key = parse_pubkey(k.as_str().unwrap_or_default())?;
        let acc = bank.account(&key).await.map_err(bank_err)?;
        out.push(match acc.filter(|a| a.lamports > 0) {
            Some(a) => account_json(&a, encoding, data_slice(config))?,
            None => Value::Null,
        });
    }
    Ok(with_context(slot, Value::Array(out)))
}

/// One `filters` entry: `{dataSize}` or `{memcmp: {offset, bytes, encoding?}}`.
enum Filter {
    DataSize(usize),
    Memcmp { offset: usize, bytes: Vec<u8> },
}

fn parse_filters(config: &Value) -> Result<Vec<Filter>, RpcError> {
    let Some(list) = config.get("filters") else {
        return Ok(vec![]);
    };
    let list = list
        .as_array()
        .ok_or_else(|| RpcError::invalid_params("filters must be an array"))?;
    let mut out = Vec::with_capacity(list.len());
    for f in list {
        if let Some(size) = f.get("dataSize").and_then(Value::as_u64) {
            out.push(Filter::DataSize(
                usize::try_from(size).unwrap_or(usize::MAX),
            ));
        } else if let Some(m) = f.get("memcmp") {
            let offset = m
                .get("offset")
                .and_then(Value::as_u64)
                .ok_or_else(|| RpcError::invalid_params("memcmp.offset must be a number"))?;
            let data = m
                .get("bytes")
                .and_then(Value::as_str)
                .ok_or_else(|| RpcError::invalid_params("memcmp.bytes must be a string"))?;
            let encoding = m
                .get("encoding")
                .and_then(Value::as_str)
                .unwrap_or("base58");
            out.push(Filter::Memcmp {
                offset: usize::try_from(offset).unwrap_or(usize::MAX),
                bytes: decode_bytes(data, encoding)?,
            });
        } else {
            return Err(RpcError::invalid_params(format!("unsupported filter: {f}")));
        }
    }
    Ok(out)
}

fn matches(acc: &Account, filters: &[Filter]) -> bool {
    filters.iter().all(|f| match f {
        Filter::DataSize(n) => acc.data.len() == *n,
        Filter::Memcmp { offset, bytes } => acc
            .data
            .get(*offset..offset.saturating_add(bytes.len()))
            .is_some_and(|window| window == bytes.as_slice()),
    })
}

async fn get_program_accounts(chain: &Chain, params: &Value) -> RpcResult {
    let program = pubkey_param(params, 0)?;
    let config = param(params, 1);
    let encoding = config.get("encoding").and_then(Value::as_str);
    let filters = parse_filters(config)?;
    let mut bank = chain.bank.lock().await;
    let slot = slot_of(&mut bank).await?;
    let mut out = Vec::new();
    for (key, acc) in bank.program_accounts(&program).await.map_err(bank_err)? {
        if matches(&acc, &filters) {
            out.push(json!({ "pubkey": key.to_string(), "account": account_json(&acc, encoding, data_slice(config))? }));
        }
    }
    let list = Value::Array(out);
    if config.get("withContext").and_then(Value::as_bool) == Some(true) {
        Ok(with_context(slot, list))
    } else {
        Ok(list)
    }
}

async fn get_balance(chain: &Chain, params: &Value) -> RpcResult {
    let key = pubkey_param(params, 0)?;
    let mut bank = chain.bank.lock().await;
    let slot = slot_of(&mut bank).await?;
    let lamports = bank
        .account(&key)
        .await
        .map_err(bank_err)?
        .map(|a| a.lamports)
        .unwrap_or(0);
    Ok(with_context(slot, json!(lamports)))
}

/// `amount` with `decimals` as an exact decimal string (`1500000`, 6 → `"1.5"`).
fn ui_amount_string(amount: u64, decimals: u8) -> String {
    let digits = amount.to_string();
    let d = usize::from(decimals);
    if d == 0 {
        return digits;
    }
    let padded = format!("{digits:0>width$}", width = d + 1);
    let (int, frac) = padded.split_at(padded.len() - d);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    }
}

fn token_amount_json(amount: u64, decimals: u8) -> Value {
    let s = ui_amount_string(amount, decimals);
    // uiAmount is the RPC's display float; money stays in `amount`.
    let ui: f64 = s.parse().unwrap_or(0.0);
    json!({ "amount": amount.to_string(), "decimals": decimals, "uiAmount": ui, "uiAmountString": s })
}

async fn unpack_token(
    bank: &mut LocalBank,
    key: &Pubkey,
) -> Result<(spl_token::state::Account, u8), RpcError> {
    let acc = bank
        .account(key)
        .await
        .map_err(bank_err)?
        .filter(|a| a.owner == spl_token::id())
        .ok_or_else(|| {
            RpcError::invalid_params(format!("Invalid param: could not find account {key}"))
        })?;
    let token = spl_token::state::Account::unpack(&acc.data).map_err(|_| {
        RpcError::invalid_params(format!("Invalid param: not a Token account {key}"))
    })?;
    let mint = bank
        .account(&token.mint)
        .await
        .map_err(bank_err)?
        .and_then(|m| spl_token::state::Mint::unpack(&m.data).ok())
        .ok_or_else(|| {
            RpcError::invalid_params(format!("Invalid param: mint {} not found", token.mint))
        })?;
    Ok((token, mint.decimals))
}

async fn get_token_account_balance(chain: &Chain, params: &Value) -> RpcResult {
    let key = pubkey_param(params, 0)?;
    let mut bank = chain.bank.lock().await;
    let slot = slot_of(&mut bank).await?;
    let (token, decimals) = unpack_token(&mut bank, &key).await?;
    Ok(with_context(
        slot,
        token_amount_json(token.amount, decimals),
    ))
}

async fn get_token_accounts_by_owner(chain: &Chain, params: &Value) -> RpcResult {
    let owner = pubkey_param(params, 0)?;
    let mint = match config_field(params, 1, "mint").as_str() {
        Some(m) => Some(parse_pubkey(m)?),
        None => None,
    };
    if let Some(p) = config_field(params, 1, "programId").as_str() {
        if parse_pubkey(p)? != spl_token::id() {
            return Err(RpcError::invalid_params(
                "only the SPL Token program's accounts are indexed",
            ));
        }
    }
    let config = param(params, 2);
    let encoding = config.get("encoding").and_then(Value::as_str);
    let mut bank = chain.bank.lock().await;
    let slot = slot_of(&mut bank).await?;
    let mut out = Vec::new();
    for (key, acc) in bank
        .program_accounts(&spl_token::id())
        .await
        .map_err(bank_err)?
    {
        let Ok(token) = spl_token::state::Account::unpack(&acc.data) else {
            continue;
        };
        if token.owner == owner && mint.is_none_or(|m| m == token.mint) {
            out.push(json!({ "pubkey": key.to_string(), "account": account_json(&acc, encoding, data_slice(config))? }));
        }
    }
    Ok(with_context(slot, Value::Array(out)))
}

async fn rent_exempt_minimum(chain: &Chain, params: &Value) -> RpcResult {
    let size = param(params, 0)
        .as_u64()
        .ok_or_else(|| RpcError::invalid_params("param 0: expected a data length"))?;
    let size =
        usize::try_from(size).map_err(|_| RpcError::invalid_params("data length too large"))?;
    let mut bank = chain.bank.lock().await;
    Ok(json!(bank
        .rent_exempt_minimum(size)
        .await
        .map_err(bank_err)?))
}

#[cfg(test)]
mod tests {
    use super::ui_amount_string;

    #[test]
    fn ui_amount_strings_are_exact() {
        assert_eq!(ui_amount_string(1_500_000, 6), "1.5");
        assert_eq!(ui_amount_string(1, 6), "0.000001");
        assert_eq!(ui_amount_string(0, 6), "0");
        assert_eq!(ui_amount_string(123, 0), "123");
        assert_eq!(ui_amount_string(u64::MAX, 6), "18446744073709.551615");
    }
}
