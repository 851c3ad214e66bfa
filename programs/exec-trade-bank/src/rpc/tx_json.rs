//! A landed transaction as `getTransaction` renders it: `json` (accounts, header, compiled
//! instructions with base58 data) or the wire bytes in `base64` / `base58`.

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use serde_json::{json, Value};
use solana_sdk::{
    inner_instruction::InnerInstructionsList, instruction::CompiledInstruction,
    message::VersionedMessage, transaction::VersionedTransaction,
};

use super::RpcError;

fn compiled_json(ix: &CompiledInstruction, stack_height: Option<u8>) -> Value {
    json!({
        "programIdIndex": ix.program_id_index,
        "accounts": ix.accounts,
        "data": bs58::encode(&ix.data).into_string(),
        "stackHeight": stack_height,
    })
}

pub fn transaction_json(tx: &VersionedTransaction, encoding: &str) -> Result<Value, RpcError> {
    match encoding {
        "base64" | "base58" => {
            let bytes = bincode::serialize(tx).map_err(|e| RpcError::internal(e.to_string()))?;
            let data = if encoding == "base64" {
                B64.encode(bytes)
            } else {
                bs58::encode(bytes).into_string()
            };
            Ok(json!([data, encoding]))
        }
        "json" | "jsonParsed" => {
            let m = &tx.message;
            let header = m.header();
            let mut message = json!({
                "accountKeys": m.static_account_keys().iter().map(|k| k.to_string()).collect::<Vec<_>>(),
                "header": {
                    "numRequiredSignatures": header.num_required_signatures,
                    "numReadonlySignedAccounts": header.num_readonly_signed_accounts,
                    "numReadonlyUnsignedAccounts": header.num_readonly_unsigned_accounts,
                },
                "recentBlockhash": m.recent_blockhash().to_string(),
                "instructions": m.instructions().iter().map(|ix| compiled_json(ix, None)).collect::<Vec<_>>(),
            });
            if matches!(m, VersionedMessage::V0(_)) {
                message["addressTableLookups"] = json!([]);
            }
            Ok(json!({
                "signatures": tx.signatures.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                "message": message,
            }))
        }
        other => Err(RpcError::invalid_params(format!(
            "unsupported transaction encoding: {other}"
        ))),
    }
}

/// `[{index, instructions:[…]}]` for the top-level instructions that made CPIs.
pub fn inner_instructions_json(list: Option<&InnerInstructionsList>) -> Value {
    let Some(list) = list else { return json!([]) };
    Value::Array(
        list.iter()
            .enumerate()
            .filter(|(_, inner)| !inner.is_empty())
            .map(|(index, inner)| {
                json!({
                    "index": index,
                    "instructions": inner.iter().map(|i| compiled_json(&i.instruction, Some(i.stack_height))).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}
