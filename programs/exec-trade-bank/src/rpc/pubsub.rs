//! PubSub over WebSocket: signatureSubscribe (how web3.js confirms), accountSubscribe,
//! logsSubscribe, slotSubscribe and rootSubscribe, with their unsubscribes. Notifications follow
//! the landed-transaction feed; slots only move when the bank's slot does.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::extract::ws::{Message, WebSocket};
use serde_json::{json, Value};
use solana_sdk::{pubkey::Pubkey, signature::Signature};
use tokio::sync::broadcast::error::RecvError;

use super::encoding::{
    account_json, config_field, error_json, param, parse_pubkey, parse_signature,
};
use super::{with_context, Chain, Landed, RpcError};

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

enum Sub {
    Signature(Signature),
    Account {
        key: Pubkey,
        encoding: Option<String>,
    },
    /// `None`: every transaction; `Some(k)`: those mentioning `k`.
    Logs(Option<Pubkey>),
    /// slotSubscribe (`root: false`) or rootSubscribe, and the last slot it was told.
    Slot {
        root: bool,
        last: u64,
    },
}

struct Session {
    chain: Arc<Chain>,
    subs: HashMap<u64, Sub>,
}

pub async fn serve(chain: Arc<Chain>, mut socket: WebSocket) {
    let mut landed = chain.landed.subscribe();
    let mut session = Session {
        chain,
        subs: HashMap::new(),
    };
    loop {
        tokio::select! {
            msg = socket.recv() => {
                let Some(Ok(msg)) = msg else { return };
                let text = match msg {
                    Message::Text(t) => t.to_string(),
                    Message::Close(_) => return,
                    _ => continue,
                };
                for out in session.handle_request(&text).await {
                    if socket.send(Message::Text(out.to_string().into())).await.is_err() {
                        return;
                    }
                }
            }
            event = landed.recv() => {
                let event = match event {
                    Ok(e) => e,
                    Err(RecvError::Lagged(_)) => continue,
                    Err(RecvError::Closed) => return,
                };
                for out in session.notify(&event).await {
                    if socket.send(Message::Text(out.to_string().into())).await.is_err() {
                        return;
                    }
                }
            }
        }
    }
}

fn notification(method: &str, id: u64, result: Value) -> Value {
    json!({ "jsonrpc": "2.0", "method": method, "params": { "result": result, "subscription": id } })
}

impl Session {
    /// Answers one request; may add notifications that are due at once (a signature that has
    /// already landed).
    async fn handle_request(&mut self, text: &str) -> Vec<Value> {
        let req: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                return vec![
                    json!({ "jsonrpc": "2.0", "id": null, "error": { "code": -32700, "message": format!("Parse error: {e}") } }),
                ]
            }
        };
        let id = req.get("id").cloned().unwrap_or(Value::Null);
        let method = req
            .get("method")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let params = req.get("params").cloned().unwrap_or(Value::Array(vec![]));
        let mut out = Vec::new();
        match self.subscribe(&method, &params).await {
            Ok((result, due)) => {
                out.push(json!({ "jsonrpc": "2.0", "id": id, "result": result }));
                out.extend(due);
            }
            Err(e) => out.push(json!({ "jsonrpc": "2.0", "id": id, "error": { "code": e.code, "message": e.message } })),
        }
        out
    }

    async fn subscribe(
        &mut self,
        method: &str,
        params: &Value,
    ) -> Result<(Value, Vec<Value>), RpcError> {
        if let Some(kind) = method.strip_suffix("Unsubscribe") {
            let id = param(params, 0)
                .as_u64()
                .ok_or_else(|| RpcError::invalid_params("expected a subscription id"))?;
            let _ = kind;
            return Ok((json!(self.subs.remove(&id).is_some()), vec![]));
        }
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        let mut due = Vec::new();
        match method {
            "signatureSubscribe" => {
                let sig = parse_signature(param(params, 0).as_str().unwrap_or_default())?;
                let landed = self
                    .chain
                    .bank
                    .lock()
                    .await
                    .record(&sig)
                    .map(|r| (r.slot, r.result.clone()));
                match landed {
                    Some((slot, result)) => {
                        let err = result.err().map(|e| error_json(&e)).unwrap_or(Value::Null);
                        due.push(notification(
                            "signatureNotification",
                            id,
                            with_context(slot, json!({ "err": err })),
                        ));
                    }
                    None => {
                        self.subs.insert(id, Sub::Signature(sig));
                    }
                }
            }
            "accountSubscribe" => {
                let key = parse_pubkey(param(params, 0).as_str().unwrap_or_default())?;
                let encoding = config_field(params, 1, "encoding")
                    .as_str()
                    .map(str::to_string);
                self.subs.insert(id, Sub::Account { key, encoding });
            }
            "logsSubscribe" => {
                let filter = param(params, 0);
                let sub = if filter
                    .as_str()
                    .is_some_and(|s| s == "all" || s == "allWithVotes")
                {
                    Sub::Logs(None)
                } else if let Some(k) = filter
                    .get("mentions")
                    .and_then(|m| m.get(0))
                    .and_then(Value::as_str)
                {
                    Sub::Logs(Some(parse_pubkey(k)?))
                } else {
                    return Err(RpcError::invalid_params(
                        "logsSubscribe takes \"all\" or {\"mentions\": [pubkey]}",
                    ));
                };
                self.subs.insert(id, sub);
            }
            "slotSubscribe" | "rootSubscribe" => {
                let root = method == "rootSubscribe";
                self.subs.insert(id, Sub::Slot { root, last: 0 });
            }
            other => return Err(RpcError::method_not_found(other)),
        }
        Ok((json!(id), due))
    }

    async fn notify(&mut self, event: &Landed) -> Vec<Value> {
        let mut out = Vec::new();
        // Every slot is rooted at once here (a single bank, nothing to fork), so slot and root
        // notifications come together, once per new slot a landed transaction reveals.
        for (&id, sub) in self.subs.iter_mut() {
            if let Sub::Slot { root, last } = sub {
                if event.slot > *last {
                    *last = event.slot;
                    let (method, value) = if *root {
                        ("rootNotification", json!(event.slot))
                    } else {
                        let parent = event.slot.saturating_sub(1);
                        let value =
                            json!({ "parent": parent, "root": event.slot, "slot": event.slot });
                        ("slotNotification", value)
                    };
                    out.push(notification(method, id, value));
                }
            }
        }
        let mut done = Vec::new();
        for (&id, sub) in &self.subs {
            match sub {
                Sub::Signature(sig) if *sig == event.signature => {
                    let err = event.err.as_ref().map(error_json).unwrap_or(Value::Null);
                    out.push(notification(
                        "signatureNotification",
                        id,
                        with_context(event.slot, json!({ "err": err })),
                    ));
                    done.push(id);
                }
                Sub::Account { key, encoding } if event.keys.contains(key) => {
                    let acc = self
                        .chain
                        .bank
                        .lock()
                        .await
                        .account(key)
                        .await
                        .ok()
                        .flatten();
                    let value = match acc.filter(|a| a.lamports > 0) {
                        Some(a) => {
                            account_json(&a, Some(encoding.as_deref().unwrap_or("base64")), None)
                                .unwrap_or(Value::Null)
                        }
                        None => Value::Null,
                    };
                    out.push(notification(
                        "accountNotification",
                        id,
                        with_context(event.slot, value),
                    ));
                }
                Sub::Logs(filter) if filter.is_none_or(|k| event.keys.contains(&k)) => {
                    let err = event.err.as_ref().map(error_json).unwrap_or(Value::Null);
                    let value = json!({ "signature": event.signature.to_string(), "err": err, "logs": event.logs });
                    out.push(notification(
                        "logsNotification",
                        id,
                        with_context(event.slot, value),
                    ));
                }
                _ => {}
            }
        }
        for id in done {
            self.subs.remove(&id);
        }
        out
    }
}
