//! `exec-trade-local-chain`: the exec-trade program, compiled for the host, in a solana-program-test
//! bank, behind Solana's JSON-RPC and PubSub. See programs/exec-trade-bank/README.md.
//!
//! Prints one JSON line `{"event":"ready",…}` on stdout when it serves (the program's own `msg!`
//! output, which natively goes to stdout, follows it), and exits on SIGINT/SIGTERM, or when its
//! standard input closes if started with `--exit-with-stdin` (so it never outlives a parent that
//! was killed).

use std::net::IpAddr;
use std::process::ExitCode;

use exec_trade_bank::{native, rpc, LocalBank};
use solana_sdk::{pubkey::Pubkey, signature::Signer};
use tokio::io::AsyncReadExt;

const USAGE: &str = "usage: exec-trade-local-chain --upgrade-authority <base58 pubkey> [--host 127.0.0.1] [--port 8899 (0 = any free)] [--exit-with-stdin]";

struct Args {
    host: IpAddr,
    port: u16,
    upgrade_authority: Pubkey,
    exit_with_stdin: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut host: IpAddr = [127, 0, 0, 1].into();
    let mut port = 8899u16;
    let mut authority = None;
    let mut exit_with_stdin = false;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--host" => {
                host = value("--host")?
                    .parse()
                    .map_err(|e| format!("--host: {e}"))?
            }
            "--port" => {
                port = value("--port")?
                    .parse()
                    .map_err(|e| format!("--port: {e}"))?
            }
            "--upgrade-authority" => {
                let v = value("--upgrade-authority")?;
                authority =
                    Some(v.parse::<Pubkey>().map_err(|_| {
                        format!("--upgrade-authority: not a base58 public key: {v}")
                    })?);
            }
            "--exit-with-stdin" => exit_with_stdin = true,
            "--help" | "-h" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    let upgrade_authority =
        authority.ok_or_else(|| format!("--upgrade-authority is required\n{USAGE}"))?;
    Ok(Args {
        host,
        port,
        upgrade_authority,
        exit_with_stdin,
    })
}

async fn stop_signal(exit_with_stdin: bool) {
    let stdin_closed = async {
        if !exit_with_stdin {
            return std::future::pending::<()>().await;
        }
        let mut stdin = tokio::io::stdin();
        let mut buf = [0u8; 256];
        while let Ok(n) = stdin.read(&mut buf).await {
            if n == 0 {
                break;
            }
        }
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term => {}
        _ = stdin_closed => {}
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("{msg}");
            return if msg == USAGE {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    let bank = LocalBank::start(&args.upgrade_authority).await;
    let faucet = bank.faucet().pubkey();
    let chain = rpc::Chain::new(bank);
    let (bound, server) = match rpc::serve(
        chain,
        args.host,
        args.port,
        stop_signal(args.exit_with_stdin),
    )
    .await
    {
        Ok(x) => x,
        Err(e) => {
            eprintln!(
                "exec-trade-local-chain: cannot listen on {}:{} and the next port: {e}",
                args.host, args.port
            );
            return ExitCode::from(1);
        }
    };
    let ready = serde_json::json!({
        "event": "ready",
        "rpcUrl": format!("http://{}", bound.rpc),
        "wsUrl": format!("ws://{}", bound.pubsub),
        "programId": exec_trade::ID.to_string(),
        "programDataAddress": native::program_data_address().to_string(),
        "upgradeAuthority": args.upgrade_authority.to_string(),
        "faucet": faucet.to_string(),
    });
    println!("{ready}");
    let _ = server.await;
    ExitCode::SUCCESS
}
