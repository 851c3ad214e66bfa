//! Adversarial inputs: one test per attack or boundary, each asserting the SPECIFIC `RuleError`.

#[path = "../support/mod.rs"]
mod support;

mod ed25519;
mod fill;
mod quote;
mod settle;
