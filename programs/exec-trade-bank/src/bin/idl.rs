//! `exec-trade-idl`: the program's IDL generated from its source, by the builder `anchor idl build`
//! uses (anchor-lang-idl: a host `cargo test __anchor_private_print_idl --features idl-build`, no
//! SBF toolchain), written as `exec_trade.json` and the camelCase type file `exec_trade.ts`, in
//! the layout `anchor build` writes to `target/idl` and `target/types`.
//!
//! `exec-trade-idl write [DIR]` writes both (default DIR: engine/src/client/idl);
//! `exec-trade-idl check [DIR]` exits 1 when the committed files differ from the generated ones.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use heck::ToLowerCamelCase;
use solana_sdk::pubkey::Pubkey;

const DEFAULT_DIR: &str = "engine/src/client/idl";

fn repo_root() -> PathBuf {
    // programs/exec-trade-bank → repo root
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The JSON IDL, pretty-printed with a final newline.
fn build_json() -> Result<String, String> {
    // A toolchain override inherited from `cargo run` would make the builder try to install it.
    std::env::remove_var("RUSTUP_TOOLCHAIN");
    let idl = anchor_lang_idl::build::IdlBuilder::new()
        .program_path(repo_root().join("programs/exec-trade"))
        .resolution(true)
        .skip_lint(false)
        .no_docs(false)
        .build()
        .map_err(|e| format!("IDL build failed: {e:#}"))?;
    let json = serde_json::to_string_pretty(&idl).map_err(|e| e.to_string())?;
    Ok(json + "\n")
}

/// The camelCase type file: every identifier-like string value (`"name":"take_quote"`) becomes
/// lowerCamelCase, base58 public keys excepted, as anchor-cli's `target/types` file.
fn type_file(json: &str) -> Result<String, String> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let name = value["metadata"]["name"]
        .as_str()
        .unwrap_or("exec_trade")
        .to_string();
    let compact = serde_json::to_string(&value).map_err(|e| e.to_string())?;
    let re = regex::Regex::new(r#""\w+":"([\w\d]+)""#).map_err(|e| e.to_string())?;
    let mut camel = compact.clone();
    for cap in re.captures_iter(&compact) {
        let word = &cap[1];
        if word.parse::<Pubkey>().is_ok() {
            continue;
        }
        camel = camel.replace(
            &format!("\"{word}\""),
            &format!("\"{}\"", word.to_lower_camel_case()),
        );
    }
    let pretty: serde_json::Value = serde_json::from_str(&camel).map_err(|e| e.to_string())?;
    let body = serde_json::to_string_pretty(&pretty).map_err(|e| e.to_string())?;
    let type_name = {
        let c = name.to_lower_camel_case();
        let mut chars = c.chars();
        chars
            .next()
            .map(|f| f.to_uppercase().collect::<String>() + chars.as_str())
            .unwrap_or_default()
    };
    Ok(format!(
        "/**\n * Program IDL in camelCase format in order to be used in JS/TS.\n *\n * Note that this is only a type helper and is not the actual IDL. The original\n * IDL can be found at `target/idl/{name}.json`.\n */\nexport type {type_name} = {body};\n"
    ))
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_default();
    let dir = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join(DEFAULT_DIR));
    if mode != "write" && mode != "check" {
        eprintln!("usage: exec-trade-idl write|check [DIR (default {DEFAULT_DIR})]");
        return ExitCode::from(2);
    }
    let generated = match build_json().and_then(|j| type_file(&j).map(|t| (j, t))) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("exec-trade-idl: {e}");
            return ExitCode::from(1);
        }
    };
    let files = [
        ("exec_trade.json", generated.0),
        ("exec_trade.ts", generated.1),
    ];
    let mut stale = Vec::new();
    for (file, content) in &files {
        let path = dir.join(file);
        if mode == "write" {
            if let Err(e) = std::fs::write(&path, content) {
                eprintln!("exec-trade-idl: cannot write {}: {e}", path.display());
                return ExitCode::from(1);
            }
            println!("exec-trade-idl: wrote {}", path.display());
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(content.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    if !stale.is_empty() {
        eprintln!(
            "exec-trade-idl: {} differ(s) from the IDL generated from programs/exec-trade/src; run `npm run idl` and commit the result",
            stale.join(", ")
        );
        return ExitCode::from(1);
    }
    if mode == "check" {
        println!("exec-trade-idl: committed IDL matches the program source");
    }
    ExitCode::SUCCESS
}
