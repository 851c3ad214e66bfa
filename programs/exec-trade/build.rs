//! Exposes the git commit being built as `EXEC_TRADE_SOURCE_REVISION` for `security_txt!`
//! (`unknown` outside a git checkout), so every deployed binary names its source revision.

use std::process::Command;

fn main() {
    let revision = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .output()
        .ok()
        .filter(|out| out.status.success())
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=EXEC_TRADE_SOURCE_REVISION={revision}");
    println!("cargo:rerun-if-changed=../../.git/HEAD");
}
