//! Adversarial inputs: one test per attack or boundary, each asserting the SPECIFIC `RuleError`.

#[path = "../support/mod.rs"]
mod support;

mod admin;
mod decay;
mod ed25519;
mod exposure;
mod fill;
mod ladder;
mod ladder_messages;
mod ladder_take;
mod limits;
mod quote;
mod refund_window;
mod schedule;
mod settle;
