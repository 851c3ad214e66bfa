//! Attacks on the Ed25519 instruction that carries the signed message.

use exec_trade_rules::{
    check_top_level, ed25519_index, encode_quote, encode_settlement, verify_ed25519_instruction,
    InstructionView, RuleError, ED25519_PROGRAM_ID, QUOTE_LEN, SETTLEMENT_LEN,
};

use crate::support::{
    ed25519_ix_data, ed25519_view, quote_ix_data, sample_quote, sample_settlement, set_u16,
    ATTACKER, ORACLE, PROGRAM_ID, SETTLER,
};

/// Offsets of the u16 fields in the single offsets record.
const SIG_OFFSET: usize = 2;
const SIG_INDEX: usize = 4;
const PK_OFFSET: usize = 6;
const PK_INDEX: usize = 8;
const MSG_OFFSET: usize = 10;
const MSG_SIZE: usize = 12;
const MSG_INDEX: usize = 14;

fn verify(data: &[u8]) -> Result<&[u8], RuleError> {
    verify_ed25519_instruction(&ed25519_view(data), &ORACLE, QUOTE_LEN)
}

fn canonical() -> Vec<u8> {
    quote_ix_data(&sample_quote())
}

/// Canonical data with an attacker's key, signature and message appended (the Relay layout:
/// the expected key sits at 16 but an offset points at the attacker's copy).
fn with_attacker_tail() -> (Vec<u8>, u16, u16, u16) {
    let mut data = canonical();
    let pk = u16::try_from(data.len()).unwrap();
    data.extend_from_slice(&ATTACKER);
    let sig = u16::try_from(data.len()).unwrap();
    data.extend_from_slice(&[0x66; 64]);
    let msg = u16::try_from(data.len()).unwrap();
    let mut forged = sample_quote();
    forged.up_price = 1;
    data.extend_from_slice(&encode_quote(&forged));
    (data, pk, sig, msg)
}

#[test]
fn canonical_instruction_returns_exactly_the_message() {
    let data = canonical();
    assert_eq!(verify(&data), Ok(&encode_quote(&sample_quote())[..]));
    let s = ed25519_ix_data(&SETTLER, &[1; 64], &encode_settlement(&sample_settlement()));
    assert_eq!(
        verify_ed25519_instruction(&ed25519_view(&s), &SETTLER, SETTLEMENT_LEN),
        Ok(&encode_settlement(&sample_settlement())[..])
    );
}

#[test]
fn current_index_zero_has_no_ed25519_instruction() {
    assert_eq!(ed25519_index(0), Err(RuleError::Ed25519MissingInstruction));
    assert_eq!(ed25519_index(1), Ok(0));
    assert_eq!(ed25519_index(7), Ok(6));
    assert_eq!(ed25519_index(u16::MAX), Ok(u16::MAX - 1));
}

#[test]
fn cpi_is_not_top_level() {
    assert_eq!(check_top_level(1), Ok(()));
    assert_eq!(check_top_level(2), Err(RuleError::Ed25519NotTopLevel));
    assert_eq!(check_top_level(5), Err(RuleError::Ed25519NotTopLevel));
    assert_eq!(check_top_level(0), Err(RuleError::Ed25519NotTopLevel));
}

#[test]
fn wrong_program_id_is_rejected() {
    let data = canonical();
    for program in [[0u8; 32], PROGRAM_ID, {
        let mut near = ED25519_PROGRAM_ID;
        near[31] ^= 1;
        near
    }] {
        let ix = InstructionView {
            program_id: &program,
            num_accounts: 0,
            data: &data,
        };
        assert_eq!(
            verify_ed25519_instruction(&ix, &ORACLE, QUOTE_LEN),
            Err(RuleError::Ed25519WrongProgram)
        );
    }
}

#[test]
fn accounts_present_are_rejected() {
    let data = canonical();
    let ix = InstructionView {
        program_id: &ED25519_PROGRAM_ID,
        num_accounts: 1,
        data: &data,
    };
    assert_eq!(
        verify_ed25519_instruction(&ix, &ORACLE, QUOTE_LEN),
        Err(RuleError::Ed25519AccountsPresent)
    );
}

#[test]
fn zero_signatures_are_rejected() {
    let mut data = canonical();
    data[0] = 0;
    assert_eq!(verify(&data), Err(RuleError::Ed25519SignatureCount));
}

#[test]
fn two_signatures_with_a_second_record_pointing_elsewhere_are_rejected() {
    let (tail, pk, sig, msg) = with_attacker_tail();
    let mut data = vec![2u8, 0];
    data.extend_from_slice(&tail[2..16]);
    for v in [
        sig + 14,
        0xFFFF,
        pk + 14,
        0xFFFF,
        msg + 14,
        QUOTE_LEN as u16,
        0xFFFF,
    ] {
        data.extend_from_slice(&v.to_le_bytes());
    }
    data.extend_from_slice(&tail[16..]);
    assert_eq!(verify(&data), Err(RuleError::Ed25519SignatureCount));
}

#[test]
fn non_zero_padding_is_rejected() {
    let mut data = canonical();
    data[1] = 1;
    assert_eq!(verify(&data), Err(RuleError::Ed25519PaddingNonZero));
}

#[test]
fn signature_index_pointing_at_another_instruction_is_rejected() {
    for index in [0u16, 1, 2] {
        let mut data = canonical();
        set_u16(&mut data, SIG_INDEX, index);
        assert_eq!(
            verify(&data),
            Err(RuleError::Ed25519SignatureIndexNotPinned),
            "index {index}"
        );
    }
}

#[test]
fn public_key_index_pointing_at_another_instruction_is_rejected() {
    for index in [0u16, 1, 2] {
        let mut data = canonical();
        set_u16(&mut data, PK_INDEX, index);
        assert_eq!(
            verify(&data),
            Err(RuleError::Ed25519PublicKeyIndexNotPinned),
            "index {index}"
        );
    }
}

#[test]
fn message_index_pointing_at_take_quote_is_rejected() {
    for index in [0u16, 1, 2] {
        let mut data = canonical();
        set_u16(&mut data, MSG_INDEX, index);
        assert_eq!(
            verify(&data),
            Err(RuleError::Ed25519MessageIndexNotPinned),
            "index {index}"
        );
    }
}

#[test]
fn relay_layout_public_key_offset_to_attacker_key_is_rejected() {
    let (mut data, pk, _, _) = with_attacker_tail();
    set_u16(&mut data, PK_OFFSET, pk);
    assert_eq!(verify(&data), Err(RuleError::Ed25519PublicKeyOffset));
}

#[test]
fn relay_layout_signature_offset_to_attacker_signature_is_rejected() {
    let (mut data, _, sig, _) = with_attacker_tail();
    set_u16(&mut data, SIG_OFFSET, sig);
    assert_eq!(verify(&data), Err(RuleError::Ed25519SignatureOffset));
}

#[test]
fn relay_layout_message_offset_to_forged_message_is_rejected() {
    let (mut data, _, _, msg) = with_attacker_tail();
    set_u16(&mut data, MSG_OFFSET, msg);
    assert_eq!(verify(&data), Err(RuleError::Ed25519MessageOffset));
}

#[test]
fn relay_layout_with_canonical_offsets_is_trailing_bytes() {
    let (data, _, _, _) = with_attacker_tail();
    assert_eq!(verify(&data), Err(RuleError::Ed25519TrailingBytes));
}

#[test]
fn wrong_message_size_is_rejected() {
    for size in [0u16, 1, 98, 127, 129, u16::MAX] {
        let mut data = canonical();
        set_u16(&mut data, MSG_SIZE, size);
        assert_eq!(
            verify(&data),
            Err(RuleError::Ed25519MessageSize),
            "size {size}"
        );
    }
    let data = canonical();
    assert_eq!(
        verify_ed25519_instruction(&ed25519_view(&data), &ORACLE, 70_000),
        Err(RuleError::Ed25519MessageSize)
    );
}

#[test]
fn trailing_bytes_are_rejected() {
    let mut data = canonical();
    data.push(0);
    assert_eq!(verify(&data), Err(RuleError::Ed25519TrailingBytes));
}

#[test]
fn truncated_data_is_rejected() {
    let data = canonical();
    for len in [0usize, 1, 15, 16, 47, 111, 112, data.len() - 1] {
        assert_eq!(
            verify(&data[..len]),
            Err(RuleError::Ed25519DataTooShort),
            "len {len}"
        );
    }
}

#[test]
fn wrong_signer_is_rejected() {
    let data = ed25519_ix_data(&ATTACKER, &[0x33; 64], &encode_quote(&sample_quote()));
    assert_eq!(verify(&data), Err(RuleError::Ed25519WrongSigner));
    assert_eq!(
        verify_ed25519_instruction(&ed25519_view(&canonical()), &SETTLER, QUOTE_LEN),
        Err(RuleError::Ed25519WrongSigner)
    );
}

#[test]
fn settlement_signed_by_settler_is_not_a_quote() {
    let data = ed25519_ix_data(&SETTLER, &[1; 64], &encode_settlement(&sample_settlement()));
    assert_eq!(
        verify_ed25519_instruction(&ed25519_view(&data), &SETTLER, QUOTE_LEN),
        Err(RuleError::Ed25519MessageSize)
    );
}
