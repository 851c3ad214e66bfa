//! Checks of the Ed25519-program instruction that carries a signed quote or settlement.
//!
//! The program loads the instruction right before its own through the instructions sysvar and
//! hands a borrowed view of it here. Only the exact web3.js
//! `Ed25519Program.createInstructionWithPublicKey` layout is accepted: one signature, every
//! offset canonical and every instruction index pinned to 0xFFFF ("this instruction"), no
//! trailing bytes. So each byte the precompile verified comes from that instruction, and the
//! public key it verified against is the one we compare with the expected authority.

use crate::bytes::u16_at;
use crate::constants::{
    ED25519_MESSAGE_OFFSET, ED25519_OFFSETS_START, ED25519_PROGRAM_ID, ED25519_PUBKEY_LEN,
    ED25519_PUBKEY_OFFSET, ED25519_SIGNATURE_OFFSET, LADDER_ROOT_LEN, QUOTE_LEN, SELF_INDEX,
    SETTLEMENT_LEN, TRANSACTION_LEVEL_STACK_HEIGHT,
};
use crate::error::RuleError;
use crate::ladder::{decode_ladder_root, LadderRoot};
use crate::quote::{decode_quote, Quote};
use crate::settlement::{decode_settlement, Settlement};

/// A borrowed view of one instruction loaded from the instructions sysvar.
#[derive(Clone, Copy, Debug)]
pub struct InstructionView<'a> {
    /// The instruction's program id bytes.
    pub program_id: &'a [u8; 32],
    /// How many account metas the instruction lists.
    pub num_accounts: usize,
    /// The instruction data.
    pub data: &'a [u8],
}

/// Index of the Ed25519 instruction given the program instruction's index in the transaction:
/// the one immediately before it. Index 0 has no predecessor.
pub fn ed25519_index(current_index: u16) -> Result<u16, RuleError> {
    current_index
        .checked_sub(1)
        .ok_or(RuleError::Ed25519MissingInstruction)
}

/// Requires the program instruction to run at top level (stack height 1), not through CPI, so
/// "the instruction before mine" really is the one the trader signed next to it.
pub fn check_top_level(stack_height: usize) -> Result<(), RuleError> {
    if stack_height != TRANSACTION_LEVEL_STACK_HEIGHT {
        return Err(RuleError::Ed25519NotTopLevel);
    }
    Ok(())
}

/// Byte offsets of the seven u16 fields of the single signature-offsets record.
const OFF_SIGNATURE_OFFSET: usize = ED25519_OFFSETS_START;
const OFF_SIGNATURE_INDEX: usize = ED25519_OFFSETS_START + 2;
const OFF_PUBKEY_OFFSET: usize = ED25519_OFFSETS_START + 4;
const OFF_PUBKEY_INDEX: usize = ED25519_OFFSETS_START + 6;
const OFF_MESSAGE_OFFSET: usize = ED25519_OFFSETS_START + 8;
const OFF_MESSAGE_SIZE: usize = ED25519_OFFSETS_START + 10;
const OFF_MESSAGE_INDEX: usize = ED25519_OFFSETS_START + 12;
/// Length of the fixed header: count, padding and one offsets record.
const HEADER_LEN: usize = ED25519_PUBKEY_OFFSET as usize;
/// Where the public key starts and ends in the canonical layout.
const PUBKEY_START: usize = ED25519_PUBKEY_OFFSET as usize;
const PUBKEY_END: usize = PUBKEY_START + ED25519_PUBKEY_LEN;

/// Verifies that `ix` is the canonical Ed25519 instruction for one `expected_message_len`-byte
/// message signed by `expected_signer`, and returns the message bytes.
///
/// Checks, in order, each with its own error: program id, no accounts, header present,
/// `num_signatures == 1`, padding 0, signature offset 48 and index 0xFFFF, public key offset 16
/// and index 0xFFFF, message offset 112, message size, message index 0xFFFF, total length
/// exactly `112 + expected_message_len` (short or trailing), public key == `expected_signer`.
pub fn verify_ed25519_instruction<'a>(
    ix: &InstructionView<'a>,
    expected_signer: &[u8; 32],
    expected_message_len: usize,
) -> Result<&'a [u8], RuleError> {
    if *ix.program_id != ED25519_PROGRAM_ID {
        return Err(RuleError::Ed25519WrongProgram);
    }
    if ix.num_accounts != 0 {
        return Err(RuleError::Ed25519AccountsPresent);
    }
    let data: &'a [u8] = ix.data;
    let short = RuleError::Ed25519DataTooShort;
    let header = data.get(..HEADER_LEN).ok_or(short)?;
    if header.first() != Some(&1) {
        return Err(RuleError::Ed25519SignatureCount);
    }
    if header.get(1) != Some(&0) {
        return Err(RuleError::Ed25519PaddingNonZero);
    }
    let field = |offset: usize| u16_at(header, offset, short);
    if field(OFF_SIGNATURE_OFFSET)? != ED25519_SIGNATURE_OFFSET {
        return Err(RuleError::Ed25519SignatureOffset);
    }
    if field(OFF_SIGNATURE_INDEX)? != SELF_INDEX {
        return Err(RuleError::Ed25519SignatureIndexNotPinned);
    }
    if field(OFF_PUBKEY_OFFSET)? != ED25519_PUBKEY_OFFSET {
        return Err(RuleError::Ed25519PublicKeyOffset);
    }
    if field(OFF_PUBKEY_INDEX)? != SELF_INDEX {
        return Err(RuleError::Ed25519PublicKeyIndexNotPinned);
    }
    if field(OFF_MESSAGE_OFFSET)? != ED25519_MESSAGE_OFFSET {
        return Err(RuleError::Ed25519MessageOffset);
    }
    let expected_size =
        u16::try_from(expected_message_len).map_err(|_| RuleError::Ed25519MessageSize)?;
    if field(OFF_MESSAGE_SIZE)? != expected_size {
        return Err(RuleError::Ed25519MessageSize);
    }
    if field(OFF_MESSAGE_INDEX)? != SELF_INDEX {
        return Err(RuleError::Ed25519MessageIndexNotPinned);
    }
    let message_start = usize::from(ED25519_MESSAGE_OFFSET);
    let total = message_start
        .checked_add(expected_message_len)
        .ok_or(RuleError::MathOverflow)?;
    if data.len() < total {
        return Err(RuleError::Ed25519DataTooShort);
    }
    if data.len() > total {
        return Err(RuleError::Ed25519TrailingBytes);
    }
    let pubkey = data.get(PUBKEY_START..PUBKEY_END).ok_or(short)?;
    if pubkey != expected_signer.as_slice() {
        return Err(RuleError::Ed25519WrongSigner);
    }
    data.get(message_start..total).ok_or(short)
}

/// `verify_ed25519_instruction` for a quote signed by `oracle_authority`, then `decode_quote`.
pub fn verified_quote(
    ix: &InstructionView<'_>,
    oracle_authority: &[u8; 32],
) -> Result<Quote, RuleError> {
    decode_quote(verify_ed25519_instruction(ix, oracle_authority, QUOTE_LEN)?)
}

/// `verify_ed25519_instruction` for a settlement signed by `settlement_authority`, then
/// `decode_settlement`.
pub fn verified_settlement(
    ix: &InstructionView<'_>,
    settlement_authority: &[u8; 32],
) -> Result<Settlement, RuleError> {
    decode_settlement(verify_ed25519_instruction(
        ix,
        settlement_authority,
        SETTLEMENT_LEN,
    )?)
}

/// `verify_ed25519_instruction` for a ladder root signed by `oracle_authority`, then
/// `decode_ladder_root`.
pub fn verified_ladder_root(
    ix: &InstructionView<'_>,
    oracle_authority: &[u8; 32],
) -> Result<LadderRoot, RuleError> {
    decode_ladder_root(verify_ed25519_instruction(
        ix,
        oracle_authority,
        LADDER_ROOT_LEN,
    )?)
}
