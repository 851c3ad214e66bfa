//! Solana JSON-RPC (HTTP) and PubSub (WebSocket) over a [`LocalBank`]: the subset `@solana/web3.js`
//! `Connection`, Anchor's `Program`, `@solana/spl-token` and the exec-trade engine use, with the
//! same shapes and error codes as a validator, plus the documented `exec_*` clock methods.
//!
//! HTTP serves JSON-RPC on `POST /` (single or batch) and PubSub on a WebSocket upgrade of `GET /`;
//! PubSub is also served on the next port, where web3.js looks for it by default.

mod accounts;
mod cluster;
mod encoding;
mod pubsub;
mod transactions;
mod tx_json;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::{
    extract::{ws::WebSocketUpgrade, State},
    http::{header, HeaderValue, Method, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Json, Router,
};
use serde_json::{json, Value};
use solana_sdk::{pubkey::Pubkey, signature::Signature, transaction::TransactionError};
use tokio::sync::{broadcast, Mutex};

use crate::bank::LocalBank;

/// The version this chain reports (`getVersion`, `context.apiVersion`): the solana-program-test
/// line whose bank it runs.
pub const API_VERSION: &str = "2.3.13";

/// A transaction that landed, as PubSub subscribers see it.
#[derive(Clone, Debug)]
pub struct Landed {
    pub signature: Signature,
    pub slot: u64,
    pub err: Option<TransactionError>,
    pub logs: Vec<String>,
    pub keys: Vec<Pubkey>,
}

/// What every handler shares: the bank (one operation at a time) and the landed-transaction feed.
pub struct Chain {
    pub bank: Mutex<LocalBank>,
    pub landed: broadcast::Sender<Landed>,
}

impl Chain {
    pub fn new(bank: LocalBank) -> Arc<Self> {
        let (landed, _) = broadcast::channel(4096);
        Arc::new(Self {
            bank: Mutex::new(bank),
            landed,
        })
    }
}

/// A JSON-RPC error object.
#[derive(Debug)]
pub struct RpcError {
    pub code: i64,
    pub message: String,
    pub data: Option<Value>,
}

impl RpcError {
    pub fn invalid_params(message: impl Into<String>) -> Self {
        Self {
            code: -32602,
            message: message.into(),
            data: None,
        }
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self {
            code: -32603,
            message: message.into(),
            data: None,
        }
    }
    pub fn method_not_found(method: &str) -> Self {
        Self {
            code: -32601,
            message: format!("Method not found: {method}"),
            data: None,
        }
    }
    fn to_json(&self) -> Value {
        let mut e = json!({ "code": self.code, "message": self.message });
        if let Some(d) = &self.data {
            e["data"] = d.clone();
        }
        e
    }
}

pub type RpcResult = Result<Value, RpcError>;

/// `{"context":{"apiVersion","slot"},"value":…}`.
pub fn with_context(slot: u64, value: Value) -> Value {
    json!({ "context": { "apiVersion": API_VERSION, "slot": slot }, "value": value })
}

/// Runs one JSON-RPC method.
pub async fn dispatch(chain: &Chain, method: &str, params: &Value) -> RpcResult {
    if let Some(r) = accounts::call(chain, method, params).await {
        return r;
    }
    if let Some(r) = transactions::call(chain, method, params).await {
        return r;
    }
    if let Some(r) = cluster::call(chain, method, params).await {
        return r;
    }
    Err(RpcError::method_not_found(method))
}

async fn handle_one(chain: &Chain, req: &Value) -> Value {
    let id = req.get("id").cloned().unwrap_or(Value::Null);
    let Some(method) = req.get("method").and_then(Value::as_str) else {
        return json!({ "jsonrpc": "2.0", "id": id, "error": { "code": -32600, "message": "Invalid request: no method" } });
    };
    let params = req.get("params").cloned().unwrap_or(Value::Array(vec![]));
    match dispatch(chain, method, &params).await {
        Ok(result) => json!({ "jsonrpc": "2.0", "id": id, "result": result }),
        Err(e) => json!({ "jsonrpc": "2.0", "id": id, "error": e.to_json() }),
    }
}

async fn http_rpc(State(chain): State<Arc<Chain>>, body: axum::body::Bytes) -> Response {
    let parsed: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => {
            let err = json!({ "jsonrpc": "2.0", "id": null, "error": { "code": -32700, "message": format!("Parse error: {e}") } });
            return Json(err).into_response();
        }
    };
    let out = match &parsed {
        Value::Array(reqs) => {
            let mut outs = Vec::with_capacity(reqs.len());
            for r in reqs {
                outs.push(handle_one(&chain, r).await);
            }
            Value::Array(outs)
        }
        req => handle_one(&chain, req).await,
    };
    Json(out).into_response()
}

async fn ws_or_hint(
    State(chain): State<Arc<Chain>>,
    ws: Result<WebSocketUpgrade, axum::extract::ws::rejection::WebSocketUpgradeRejection>,
) -> Response {
    match ws {
        Ok(ws) => ws.on_upgrade(move |socket| pubsub::serve(chain, socket)),
        Err(_) => (StatusCode::OK, "exec-trade local chain: POST JSON-RPC here; PubSub over WebSocket here or on the next port\n").into_response(),
    }
}

/// The browser terminal calls the chain from the engine's origin: a local development chain
/// answers any origin, as solana-test-validator does.
async fn cors(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    if req.method() == Method::OPTIONS {
        let mut res = StatusCode::NO_CONTENT.into_response();
        add_cors(&mut res);
        return res;
    }
    let mut res = next.run(req).await;
    add_cors(&mut res);
    res
}

fn add_cors(res: &mut Response) {
    let h = res.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("POST, GET, OPTIONS"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("content-type, solana-client"),
    );
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("86400"),
    );
}

fn router(chain: Arc<Chain>) -> Router {
    Router::new()
        .route("/", get(ws_or_hint).post(http_rpc))
        .layer(axum::middleware::from_fn(cors))
        .with_state(chain)
}

fn pubsub_router(chain: Arc<Chain>) -> Router {
    Router::new().route("/", get(ws_or_hint)).with_state(chain)
}

/// The bound addresses of a running server.
#[derive(Clone, Copy, Debug)]
pub struct Bound {
    pub rpc: SocketAddr,
    pub pubsub: SocketAddr,
}

/// Binds the RPC port (0 = any free port) and PubSub on the next port, then serves both until
/// `shutdown` resolves.
pub async fn serve(
    chain: Arc<Chain>,
    host: std::net::IpAddr,
    port: u16,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<(Bound, tokio::task::JoinHandle<()>)> {
    let (rpc_listener, pubsub_listener) = bind_pair(host, port).await?;
    let bound = Bound {
        rpc: rpc_listener.local_addr()?,
        pubsub: pubsub_listener.local_addr()?,
    };
    let (tx, _) = broadcast::channel::<()>(1);
    let mut stop_rpc = tx.subscribe();
    let mut stop_ws = tx.subscribe();
    let rpc = axum::serve(rpc_listener, router(chain.clone())).with_graceful_shutdown(async move {
        let _ = stop_rpc.recv().await;
    });
    let ws =
        axum::serve(pubsub_listener, pubsub_router(chain)).with_graceful_shutdown(async move {
            let _ = stop_ws.recv().await;
        });
    let handle = tokio::spawn(async move {
        let stopper = tokio::spawn(async move {
            shutdown.await;
            let _ = tx.send(());
        });
        let _ = tokio::join!(rpc, ws);
        stopper.abort();
    });
    Ok((bound, handle))
}

/// Two listeners on consecutive ports (`port`, `port + 1`); with `port` 0, tries free pairs.
async fn bind_pair(
    host: std::net::IpAddr,
    port: u16,
) -> std::io::Result<(tokio::net::TcpListener, tokio::net::TcpListener)> {
    if port != 0 {
        let a = tokio::net::TcpListener::bind((host, port)).await?;
        let next = port
            .checked_add(1)
            .ok_or_else(|| std::io::Error::other("no port after 65535 for PubSub"))?;
        let b = tokio::net::TcpListener::bind((host, next)).await?;
        return Ok((a, b));
    }
    let mut last = None;
    for _ in 0..50 {
        let a = tokio::net::TcpListener::bind((host, 0)).await?;
        let p = a.local_addr()?.port();
        let Some(next) = p.checked_add(1) else {
            continue;
        };
        match tokio::net::TcpListener::bind((host, next)).await {
            Ok(b) => return Ok((a, b)),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free consecutive port pair")))
}
