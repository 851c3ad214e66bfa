//! The native bank itself: what these tests prove is what every program-level test (TypeScript,
//! through the local chain) relies on.
//!
//! - CPIs execute for real through the native-invoke shim (token balances move);
//! - the Ed25519 precompile verifies signatures in this bank (a forged one fails with Custom(2));
//! - initialize_config is refused to anyone but the program's upgrade authority;
//! - the clock follows the wall clock and moves only forward.

use anchor_lang::{InstructionData, ToAccountMetas};
use exec_trade::state::{RiskLimits, RoundSpec};
use exec_trade_bank::{native, LocalBank};
use solana_sdk::{
    hash::Hash,
    instruction::{Instruction, InstructionError},
    message::{v0, VersionedMessage},
    program_pack::Pack,
    pubkey::Pubkey,
    signature::{Keypair, Signer},
    transaction::{TransactionError, VersionedTransaction},
};

const DECIMALS: u8 = 6;

async fn send(
    bank: &mut LocalBank,
    payer: &Keypair,
    ixs: &[Instruction],
    signers: &[&Keypair],
) -> Result<(), TransactionError> {
    let (blockhash, _) = bank.latest_blockhash().await.expect("blockhash");
    let message = v0::Message::try_compile(&payer.pubkey(), ixs, &[], blockhash).expect("compile");
    let mut all: Vec<&Keypair> = vec![payer];
    all.extend_from_slice(signers);
    let tx = VersionedTransaction::try_new(VersionedMessage::V0(message), &all).expect("sign");
    match bank.send(tx, false).await {
        Ok(record) => record.result.clone(),
        Err(exec_trade_bank::Rejected::Transaction(e)) => Err(e),
        Err(other) => panic!("not executed: {other:?}"),
    }
}

async fn token_balance(bank: &mut LocalBank, account: &Pubkey) -> u64 {
    let acc = bank
        .account(account)
        .await
        .expect("bank")
        .expect("token account exists");
    spl_token::state::Account::unpack(&acc.data)
        .expect("token account")
        .amount
}

fn pda(seeds: &[&[u8]]) -> Pubkey {
    Pubkey::find_program_address(seeds, &exec_trade::ID).0
}

struct Deployment {
    bank: LocalBank,
    authority: Keypair,
    mint: Pubkey,
}

/// A bank whose program names `authority` as upgrade authority, with a collateral mint.
async fn deployment() -> Deployment {
    let authority = Keypair::new();
    let mut bank = LocalBank::start(&authority.pubkey()).await;
    bank.airdrop(&authority.pubkey(), 10_000_000_000)
        .await
        .expect("airdrop");
    let mint = Keypair::new();
    let rent = bank
        .rent_exempt_minimum(spl_token::state::Mint::LEN)
        .await
        .expect("rent");
    let ixs = [
        solana_system_interface::instruction::create_account(
            &authority.pubkey(),
            &mint.pubkey(),
            rent,
            spl_token::state::Mint::LEN as u64,
            &spl_token::id(),
        ),
        spl_token::instruction::initialize_mint2(
            &spl_token::id(),
            &mint.pubkey(),
            &authority.pubkey(),
            None,
            DECIMALS,
        )
        .expect("ix"),
    ];
    send(&mut bank, &authority, &ixs, &[&mint])
        .await
        .expect("mint created");
    Deployment {
        bank,
        authority,
        mint: mint.pubkey(),
    }
}

fn initialize_config_ix(admin: &Pubkey, mint: &Pubkey) -> Instruction {
    let mut schedule = [RoundSpec::default(); 8];
    schedule[0] = RoundSpec {
        duration_sec: 60,
        close_offset_sec: 10,
    };
    let args = exec_trade::instructions::InitializeConfigArgs {
        oracle_authority: Pubkey::new_unique(),
        settlement_authority: Pubkey::new_unique(),
        allow_simulated: false,
        limits: RiskLimits {
            min_position_size: 1,
            max_position_size: 1_000,
            max_round_net_payout: 10_000,
            max_wallet_round_size: 1_000,
        },
        round_schedule: schedule,
        refund_grace_sec: 3_600,
    };
    Instruction {
        program_id: exec_trade::ID,
        accounts: exec_trade::accounts::InitializeConfig {
            admin: *admin,
            config: pda(&[b"config"]),
            program_data: native::program_data_address(),
            collateral_mint: *mint,
            house_vault: pda(&[b"house_vault"]),
            token_program: spl_token::id(),
            system_program: solana_sdk_ids::system_program::id(),
        }
        .to_account_metas(None),
        data: exec_trade::instruction::InitializeConfig { args }.data(),
    }
}

fn custom(index: u8, code: u32) -> Result<(), TransactionError> {
    Err(TransactionError::InstructionError(
        index,
        InstructionError::Custom(code),
    ))
}

fn program_error(e: exec_trade::error::ExecTradeError) -> u32 {
    u32::from(e)
}

#[tokio::test]
async fn cpis_run_for_real_through_the_shim() {
    // Given a deployment with 1,000 collateral minted to the admin
    let Deployment {
        mut bank,
        authority,
        mint,
    } = deployment().await;
    let admin_ata = spl_associated_token_account_address(&authority.pubkey(), &mint);
    let ixs = [
        create_ata_ix(&authority.pubkey(), &authority.pubkey(), &mint),
        spl_token::instruction::mint_to(
            &spl_token::id(),
            &mint,
            &admin_ata,
            &authority.pubkey(),
            &[],
            1_000_000_000,
        )
        .expect("ix"),
    ];
    send(&mut bank, &authority, &ixs, &[])
        .await
        .expect("minted");

    // When initialize_config (system and token CPIs) and fund_house (transfer_checked CPI) run
    send(
        &mut bank,
        &authority,
        &[initialize_config_ix(&authority.pubkey(), &mint)],
        &[],
    )
    .await
    .expect("initialize_config");
    let fund = Instruction {
        program_id: exec_trade::ID,
        accounts: exec_trade::accounts::FundHouse {
            depositor: authority.pubkey(),
            config: pda(&[b"config"]),
            house_vault: pda(&[b"house_vault"]),
            depositor_token: admin_ata,
            collateral_mint: mint,
            token_program: spl_token::id(),
        }
        .to_account_metas(None),
        data: exec_trade::instruction::FundHouse {
            amount: 250_000_000,
        }
        .data(),
    };
    send(&mut bank, &authority, &[fund], &[])
        .await
        .expect("fund_house");

    // Then the accounts exist and the tokens really moved (a CPI that "succeeds" without moving
    // tokens is the failure this guards against)
    assert!(bank
        .account(&pda(&[b"config"]))
        .await
        .unwrap()
        .is_some_and(|a| a.owner == exec_trade::ID));
    assert_eq!(
        token_balance(&mut bank, &pda(&[b"house_vault"])).await,
        250_000_000
    );
    assert_eq!(token_balance(&mut bank, &admin_ata).await, 750_000_000);
}

#[tokio::test]
async fn initialize_config_is_refused_to_anyone_but_the_upgrade_authority() {
    let Deployment {
        mut bank,
        authority,
        mint,
    } = deployment().await;
    let intruder = Keypair::new();
    bank.airdrop(&intruder.pubkey(), 1_000_000_000)
        .await
        .expect("airdrop");

    let front_run = send(
        &mut bank,
        &intruder,
        &[initialize_config_ix(&intruder.pubkey(), &mint)],
        &[],
    )
    .await;
    assert_eq!(
        front_run,
        custom(
            0,
            program_error(exec_trade::error::ExecTradeError::NotUpgradeAuthority)
        )
    );
    assert!(bank.account(&pda(&[b"config"])).await.unwrap().is_none());

    send(
        &mut bank,
        &authority,
        &[initialize_config_ix(&authority.pubkey(), &mint)],
        &[],
    )
    .await
    .expect("the upgrade authority initializes");
    // A second initialization fails: the config account exists (system program "already in use").
    assert_eq!(
        send(
            &mut bank,
            &authority,
            &[initialize_config_ix(&authority.pubkey(), &mint)],
            &[]
        )
        .await,
        custom(0, 0)
    );
}

/// The Ed25519 instruction as web3.js writes it: one signature, key at 16, signature at 48,
/// message at 112, every instruction index 0xFFFF.
fn ed25519_ix(signer: &Keypair, message: &[u8], tamper_signature: bool) -> Instruction {
    let mut sig = signer.sign_message(message).as_ref().to_vec();
    if tamper_signature {
        sig[10] ^= 0x01;
    }
    let mut data = vec![1u8, 0];
    for v in [48u16, 0xFFFF, 16, 0xFFFF, 112, message.len() as u16, 0xFFFF] {
        data.extend_from_slice(&v.to_le_bytes());
    }
    data.extend_from_slice(signer.pubkey().as_ref());
    data.extend_from_slice(&sig);
    data.extend_from_slice(message);
    Instruction {
        program_id: solana_sdk_ids::ed25519_program::id(),
        accounts: vec![],
        data,
    }
}

#[tokio::test]
async fn the_ed25519_precompile_verifies_signatures_in_this_bank() {
    let Deployment {
        mut bank,
        authority,
        ..
    } = deployment().await;
    let oracle = Keypair::new();
    let message = b"EXQT any bytes the oracle signed";
    send(
        &mut bank,
        &authority,
        &[ed25519_ix(&oracle, message, false)],
        &[],
    )
    .await
    .expect("a valid signature verifies");
    assert_eq!(
        send(
            &mut bank,
            &authority,
            &[ed25519_ix(&oracle, message, true)],
            &[]
        )
        .await,
        custom(0, 2)
    );
}

#[tokio::test]
async fn the_clock_follows_the_wall_clock_and_only_moves_forward() {
    let mut bank = LocalBank::start(&Pubkey::new_unique()).await;
    let wall = exec_trade_bank::bank::wall_unix_ts();
    assert!(
        (bank.unix_ts() - wall).abs() <= 1,
        "chain {} vs wall {wall}",
        bank.unix_ts()
    );
    let before = bank.unix_ts();
    let after = bank.advance_clock(3_600).await.expect("advance");
    assert!(after >= before + 3_600);
    assert!(bank.advance_clock(-1).await.is_err());
    assert!(
        bank.set_clock(Some(before), true).await.is_err(),
        "setting the clock back is refused"
    );
    let frozen = bank
        .set_clock(Some(after + 10), false)
        .await
        .expect("freeze");
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    assert_eq!(bank.unix_ts(), frozen);
    assert_eq!(
        bank.set_clock(None, false)
            .await
            .expect("freeze where it is"),
        frozen
    );
    let resumed = bank.set_clock(None, true).await.expect("follow again");
    assert!(resumed >= frozen && resumed >= exec_trade_bank::bank::wall_unix_ts());
    let _ = Hash::default();
}

#[tokio::test]
async fn the_clock_sysvar_read_between_transactions_shows_the_chain_time() {
    let mut bank = LocalBank::start(&Pubkey::new_unique()).await;
    tokio::time::sleep(std::time::Duration::from_millis(2_100)).await;
    let account = bank
        .account(&solana_sdk_ids::sysvar::clock::id())
        .await
        .expect("read")
        .expect("the Clock sysvar exists");
    let clock: solana_sdk::clock::Clock =
        bincode::deserialize(&account.data).expect("Clock layout");
    let lag = bank.unix_ts() - clock.unix_timestamp;
    assert!(
        (0..=1).contains(&lag),
        "no transaction ran since start (2 s ago): the sysvar must still follow the chain time, lag {lag} s"
    );
}

fn spl_associated_token_account_address(owner: &Pubkey, mint: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(
        &[owner.as_ref(), spl_token::id().as_ref(), mint.as_ref()],
        &ATA_PROGRAM,
    )
    .0
}

const ATA_PROGRAM: Pubkey = solana_sdk::pubkey!("ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL");

fn create_ata_ix(payer: &Pubkey, owner: &Pubkey, mint: &Pubkey) -> Instruction {
    Instruction {
        program_id: ATA_PROGRAM,
        accounts: vec![
            solana_sdk::instruction::AccountMeta::new(*payer, true),
            solana_sdk::instruction::AccountMeta::new(
                spl_associated_token_account_address(owner, mint),
                false,
            ),
            solana_sdk::instruction::AccountMeta::new_readonly(*owner, false),
            solana_sdk::instruction::AccountMeta::new_readonly(*mint, false),
            solana_sdk::instruction::AccountMeta::new_readonly(
                solana_sdk_ids::system_program::id(),
                false,
            ),
            solana_sdk::instruction::AccountMeta::new_readonly(spl_token::id(), false),
        ],
        data: vec![1], // CreateIdempotent
    }
}
