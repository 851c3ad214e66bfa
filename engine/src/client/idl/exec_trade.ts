/**
 * Program IDL in camelCase format in order to be used in JS/TS.
 *
 * Note that this is only a type helper and is not the actual IDL. The original
 * IDL can be found at `target/idl/exec_trade.json`.
 */
export type ExecTrade = {
  "accounts": [
    {
      "discriminator": [
        155,
        12,
        170,
        224,
        30,
        250,
        204,
        130
      ],
      "name": "config"
    },
    {
      "discriminator": [
        170,
        188,
        143,
        228,
        122,
        64,
        247,
        208
      ],
      "name": "position"
    },
    {
      "discriminator": [
        82,
        71,
        232,
        67,
        159,
        6,
        102,
        210
      ],
      "name": "quoteFill"
    },
    {
      "discriminator": [
        87,
        127,
        165,
        51,
        73,
        78,
        116,
        174
      ],
      "name": "round"
    },
    {
      "discriminator": [
        96,
        91,
        128,
        118,
        104,
        144,
        64,
        198
      ],
      "name": "walletExposure"
    }
  ],
  "address": "EjcgWgR7P9GnXcvbn5dAaF8JYQEYBNBLNgHYacgABo3",
  "constants": [
    {
      "docs": [
        "Longest refund grace a config may hold, seconds."
      ],
      "name": "maxRefundGraceSec",
      "type": "i64",
      "value": "604800"
    },
    {
      "docs": [
        "Entries of the config's round schedule."
      ],
      "name": "maxRoundSchedule",
      "type": "u8",
      "value": "8"
    },
    {
      "docs": [
        "Distinct strikes one round tracks for its worst-case net payout."
      ],
      "name": "maxRoundStrikes",
      "type": "u8",
      "value": "32"
    },
    {
      "docs": [
        "Shortest refund grace a config may hold, seconds."
      ],
      "name": "minRefundGraceSec",
      "type": "i64",
      "value": "600"
    },
    {
      "docs": [
        "Price micro-units per 1 USDT (1e6)."
      ],
      "name": "pricePrecision",
      "type": "u64",
      "value": "1000000"
    },
    {
      "docs": [
        "Probability micro-units per 1.0 (1e6)."
      ],
      "name": "probPrecision",
      "type": "u64",
      "value": "1000000"
    },
    {
      "docs": [
        "Length of the signed quote message, bytes."
      ],
      "name": "quoteMessageLen",
      "type": "u16",
      "value": "128"
    },
    {
      "name": "seedConfig",
      "type": "bytes",
      "value": "[99, 111, 110, 102, 105, 103]"
    },
    {
      "name": "seedExposure",
      "type": "bytes",
      "value": "[101, 120, 112, 111, 115, 117, 114, 101]"
    },
    {
      "name": "seedHouseVault",
      "type": "bytes",
      "value": "[104, 111, 117, 115, 101, 95, 118, 97, 117, 108, 116]"
    },
    {
      "name": "seedPosition",
      "type": "bytes",
      "value": "[112, 111, 115, 105, 116, 105, 111, 110]"
    },
    {
      "name": "seedQuoteFill",
      "type": "bytes",
      "value": "[113, 117, 111, 116, 101, 95, 102, 105, 108, 108]"
    },
    {
      "name": "seedRound",
      "type": "bytes",
      "value": "[114, 111, 117, 110, 100]"
    },
    {
      "name": "seedRoundVault",
      "type": "bytes",
      "value": "[114, 111, 117, 110, 100, 95, 118, 97, 117, 108, 116]"
    },
    {
      "docs": [
        "Length of the signed settlement message, bytes."
      ],
      "name": "settlementMessageLen",
      "type": "u16",
      "value": "98"
    }
  ],
  "errors": [
    {
      "code": 6000,
      "msg": "Math: overflow",
      "name": "mathOverflow"
    },
    {
      "code": 6001,
      "msg": "Ed25519: no instruction before the program instruction",
      "name": "ed25519MissingInstruction"
    },
    {
      "code": 6002,
      "msg": "Ed25519: program instruction must be called at top level, not through CPI",
      "name": "ed25519NotTopLevel"
    },
    {
      "code": 6003,
      "msg": "Ed25519: preceding instruction is not the Ed25519 program",
      "name": "ed25519WrongProgram"
    },
    {
      "code": 6004,
      "msg": "Ed25519: instruction must have no accounts",
      "name": "ed25519AccountsPresent"
    },
    {
      "code": 6005,
      "msg": "Ed25519: instruction data too short",
      "name": "ed25519DataTooShort"
    },
    {
      "code": 6006,
      "msg": "Ed25519: trailing bytes after the message",
      "name": "ed25519TrailingBytes"
    },
    {
      "code": 6007,
      "msg": "Ed25519: exactly one signature required",
      "name": "ed25519SignatureCount"
    },
    {
      "code": 6008,
      "msg": "Ed25519: padding byte must be zero",
      "name": "ed25519PaddingNonZero"
    },
    {
      "code": 6009,
      "msg": "Ed25519: signature offset not canonical",
      "name": "ed25519SignatureOffset"
    },
    {
      "code": 6010,
      "msg": "Ed25519: signature instruction index not pinned",
      "name": "ed25519SignatureIndexNotPinned"
    },
    {
      "code": 6011,
      "msg": "Ed25519: public key offset not canonical",
      "name": "ed25519PublicKeyOffset"
    },
    {
      "code": 6012,
      "msg": "Ed25519: public key instruction index not pinned",
      "name": "ed25519PublicKeyIndexNotPinned"
    },
    {
      "code": 6013,
      "msg": "Ed25519: message offset not canonical",
      "name": "ed25519MessageOffset"
    },
    {
      "code": 6014,
      "msg": "Ed25519: message size wrong",
      "name": "ed25519MessageSize"
    },
    {
      "code": 6015,
      "msg": "Ed25519: message instruction index not pinned",
      "name": "ed25519MessageIndexNotPinned"
    },
    {
      "code": 6016,
      "msg": "Ed25519: signed by an unexpected key",
      "name": "ed25519WrongSigner"
    },
    {
      "code": 6017,
      "msg": "Quote: wrong length",
      "name": "quoteLength"
    },
    {
      "code": 6018,
      "msg": "Quote: bad magic",
      "name": "quoteMagic"
    },
    {
      "code": 6019,
      "msg": "Quote: unsupported version",
      "name": "quoteVersion"
    },
    {
      "code": 6020,
      "msg": "Quote: unknown flag bits",
      "name": "quoteUnknownFlags"
    },
    {
      "code": 6021,
      "msg": "Quote: price above 1.0",
      "name": "quotePriceAboveOne"
    },
    {
      "code": 6022,
      "msg": "Quote: id argument differs from the signed quote",
      "name": "quoteIdMismatch"
    },
    {
      "code": 6023,
      "msg": "Quote: signed for another program",
      "name": "quoteWrongProgram"
    },
    {
      "code": 6024,
      "msg": "Quote: signed for another cluster",
      "name": "quoteWrongCluster"
    },
    {
      "code": 6025,
      "msg": "Quote: epoch is not the current quote epoch",
      "name": "quoteEpochMismatch"
    },
    {
      "code": 6026,
      "msg": "Quote: simulated quotes not allowed",
      "name": "quoteSimulatedNotAllowed"
    },
    {
      "code": 6027,
      "msg": "Quote: asset differs from the round",
      "name": "quoteAssetMismatch"
    },
    {
      "code": 6028,
      "msg": "Quote: expiry differs from the round",
      "name": "quoteExpiryMismatch"
    },
    {
      "code": 6029,
      "msg": "Round: not open",
      "name": "roundNotOpen"
    },
    {
      "code": 6030,
      "msg": "Quote: expired",
      "name": "quoteExpired"
    },
    {
      "code": 6031,
      "msg": "Round: trading closed",
      "name": "tradingClosed"
    },
    {
      "code": 6032,
      "msg": "Fill: invalid side",
      "name": "invalidSide"
    },
    {
      "code": 6033,
      "msg": "Fill: price 0 or 1.0 is not tradeable",
      "name": "priceNotTradeable"
    },
    {
      "code": 6034,
      "msg": "Fill: size is zero",
      "name": "zeroSize"
    },
    {
      "code": 6035,
      "msg": "Fill: stake equals size, no house collateral",
      "name": "noHouseCollateral"
    },
    {
      "code": 6036,
      "msg": "Fill: quote max size exceeded",
      "name": "quoteOverfilled"
    },
    {
      "code": 6037,
      "msg": "Limits: position size above maximum",
      "name": "positionLimit"
    },
    {
      "code": 6038,
      "msg": "Limits: house worst-case net payout in round above maximum",
      "name": "roundNetPayoutLimit"
    },
    {
      "code": 6039,
      "msg": "Limits: wallet size in round above maximum",
      "name": "walletLimit"
    },
    {
      "code": 6040,
      "msg": "House: vault cannot cover house collateral",
      "name": "houseInsufficientLiquidity"
    },
    {
      "code": 6041,
      "msg": "Settlement: wrong length",
      "name": "settlementLength"
    },
    {
      "code": 6042,
      "msg": "Settlement: bad magic",
      "name": "settlementMagic"
    },
    {
      "code": 6043,
      "msg": "Settlement: unsupported version",
      "name": "settlementVersion"
    },
    {
      "code": 6044,
      "msg": "Settlement: unknown flag bits",
      "name": "settlementUnknownFlags"
    },
    {
      "code": 6045,
      "msg": "Settlement: signed for another program",
      "name": "settlementWrongProgram"
    },
    {
      "code": 6046,
      "msg": "Settlement: signed for another cluster",
      "name": "settlementWrongCluster"
    },
    {
      "code": 6047,
      "msg": "Settlement: asset differs from the round",
      "name": "settlementAssetMismatch"
    },
    {
      "code": 6048,
      "msg": "Settlement: expiry differs from the round",
      "name": "settlementExpiryMismatch"
    },
    {
      "code": 6049,
      "msg": "Settlement: simulated settlements not allowed",
      "name": "settlementSimulatedNotAllowed"
    },
    {
      "code": 6050,
      "msg": "Settlement: price is zero",
      "name": "settlementPriceZero"
    },
    {
      "code": 6051,
      "msg": "Settlement: round has not expired",
      "name": "settlementBeforeExpiry"
    },
    {
      "code": 6052,
      "msg": "Settlement: published before expiry",
      "name": "settlementPublishedBeforeExpiry"
    },
    {
      "code": 6053,
      "msg": "Round: already settled",
      "name": "roundAlreadySettled"
    },
    {
      "code": 6054,
      "msg": "Round: refunding",
      "name": "roundRefunding"
    },
    {
      "code": 6055,
      "msg": "Round: not settled",
      "name": "roundNotSettled"
    },
    {
      "code": 6056,
      "msg": "Refund: round not refundable yet",
      "name": "refundTooEarly"
    },
    {
      "code": 6057,
      "msg": "QuoteFill: quote still valid",
      "name": "quoteFillStillValid"
    },
    {
      "code": 6058,
      "msg": "Round: still open",
      "name": "roundStillOpen"
    },
    {
      "code": 6059,
      "msg": "Round: has open positions",
      "name": "roundHasOpenPositions"
    },
    {
      "code": 6060,
      "msg": "Round: unknown asset",
      "name": "invalidAsset"
    },
    {
      "code": 6061,
      "msg": "Round: trading close not in the future",
      "name": "roundExpiryInPast"
    },
    {
      "code": 6062,
      "msg": "Config: trading close offset negative or not below the round duration",
      "name": "invalidTradingCloseOffset"
    },
    {
      "code": 6063,
      "msg": "Config: refund grace outside the allowed range",
      "name": "refundGraceOutOfRange"
    },
    {
      "code": 6064,
      "msg": "Config: new quote epoch must be the current one + 1",
      "name": "epochNotNext"
    },
    {
      "code": 6065,
      "msg": "Round: unknown status",
      "name": "invalidRoundStatus"
    },
    {
      "code": 6066,
      "msg": "Config: unknown cluster",
      "name": "invalidCluster"
    },
    {
      "code": 6067,
      "msg": "House: amount is zero",
      "name": "zeroAmount"
    },
    {
      "code": 6068,
      "msg": "House: withdrawal above vault balance",
      "name": "houseInsufficientBalance"
    },
    {
      "code": 6069,
      "msg": "Quote: UP + DOWN below 1.0",
      "name": "quoteBelowPar"
    },
    {
      "code": 6070,
      "msg": "Round: expiry not on the round schedule",
      "name": "expiryNotOnSchedule"
    },
    {
      "code": 6071,
      "msg": "Config: invalid round schedule",
      "name": "invalidRoundSchedule"
    },
    {
      "code": 6072,
      "msg": "Settlement: round is refundable, too late to settle",
      "name": "settlementTooLate"
    },
    {
      "code": 6073,
      "msg": "Round: too many distinct strikes",
      "name": "roundStrikesFull"
    },
    {
      "code": 6074,
      "msg": "Config: simulated prices allowed only on localnet",
      "name": "simulatedOnlyOnLocalnet"
    },
    {
      "code": 6075,
      "msg": "Limits: position size below minimum",
      "name": "positionTooSmall"
    },
    {
      "code": 6076,
      "msg": "Config: limits would refuse every fill",
      "name": "invalidLimits"
    },
    {
      "code": 6077,
      "msg": "Ladder: root message wrong length",
      "name": "ladderRootLength"
    },
    {
      "code": 6078,
      "msg": "Ladder: bad root magic",
      "name": "ladderRootMagic"
    },
    {
      "code": 6079,
      "msg": "Ladder: unsupported root version",
      "name": "ladderRootVersion"
    },
    {
      "code": 6080,
      "msg": "Ladder: leaf count out of range",
      "name": "ladderSize"
    },
    {
      "code": 6081,
      "msg": "Ladder: leaf index out of range",
      "name": "leafIndexOutOfRange"
    },
    {
      "code": 6082,
      "msg": "Ladder: proof has the wrong number of hashes",
      "name": "proofLength"
    },
    {
      "code": 6083,
      "msg": "Ladder: leaf and proof do not match the signed root",
      "name": "proofMismatch"
    },
    {
      "code": 6084,
      "msg": "Fill: price above the taker's maximum",
      "name": "priceAboveMax"
    },
    {
      "code": 6085,
      "msg": "Ladder: leaf wrong length",
      "name": "leafLength"
    },
    {
      "code": 6086,
      "msg": "Admin: signer is not the admin",
      "name": "unauthorized"
    },
    {
      "code": 6087,
      "msg": "Config: trading is paused",
      "name": "paused"
    },
    {
      "code": 6088,
      "msg": "Account: wrong collateral mint",
      "name": "wrongMint"
    },
    {
      "code": 6089,
      "msg": "Account: position belongs to another round",
      "name": "wrongRound"
    },
    {
      "code": 6090,
      "msg": "Account: token account is not owned by the trader",
      "name": "wrongTraderToken"
    },
    {
      "code": 6091,
      "msg": "Account: rent destination is not the recorded payer",
      "name": "wrongPayer"
    },
    {
      "code": 6092,
      "msg": "Account: rent destination is not the round opener",
      "name": "wrongOpener"
    },
    {
      "code": 6093,
      "msg": "QuoteFill: recorded for another round",
      "name": "quoteFillRoundMismatch"
    },
    {
      "code": 6094,
      "msg": "Admin: signer is not the program's upgrade authority",
      "name": "notUpgradeAuthority"
    },
    {
      "code": 6095,
      "msg": "Admin: signer is not the pending admin",
      "name": "notPendingAdmin"
    }
  ],
  "events": [
    {
      "discriminator": [
        172,
        190,
        41,
        86,
        23,
        187,
        232,
        84
      ],
      "name": "adminChangedEvent"
    },
    {
      "discriminator": [
        22,
        167,
        192,
        50,
        220,
        20,
        10,
        71
      ],
      "name": "configInitializedEvent"
    },
    {
      "discriminator": [
        245,
        158,
        129,
        99,
        60,
        100,
        214,
        220
      ],
      "name": "configUpdatedEvent"
    },
    {
      "discriminator": [
        128,
        140,
        211,
        246,
        117,
        119,
        26,
        210
      ],
      "name": "houseFundedEvent"
    },
    {
      "discriminator": [
        153,
        33,
        147,
        69,
        7,
        158,
        44,
        50
      ],
      "name": "houseWithdrawnEvent"
    },
    {
      "discriminator": [
        71,
        99,
        34,
        201,
        107,
        155,
        178,
        95
      ],
      "name": "positionClaimedEvent"
    },
    {
      "discriminator": [
        33,
        155,
        77,
        56,
        14,
        67,
        181,
        112
      ],
      "name": "positionRefundedEvent"
    },
    {
      "discriminator": [
        49,
        103,
        151,
        141,
        83,
        165,
        223,
        1
      ],
      "name": "quoteEpochRaisedEvent"
    },
    {
      "discriminator": [
        149,
        93,
        43,
        110,
        36,
        133,
        222,
        194
      ],
      "name": "quoteFillClosedEvent"
    },
    {
      "discriminator": [
        170,
        230,
        216,
        149,
        40,
        126,
        180,
        161
      ],
      "name": "quoteTakenEvent"
    },
    {
      "discriminator": [
        88,
        187,
        25,
        167,
        143,
        21,
        64,
        28
      ],
      "name": "roundClosedEvent"
    },
    {
      "discriminator": [
        222,
        223,
        179,
        249,
        155,
        242,
        121,
        229
      ],
      "name": "roundOpenedEvent"
    },
    {
      "discriminator": [
        137,
        183,
        71,
        20,
        142,
        103,
        46,
        46
      ],
      "name": "roundSettledEvent"
    }
  ],
  "instructions": [
    {
      "accounts": [
        {
          "docs": [
            "The admin proposed by `update_config`; proves it holds the key before it takes over."
          ],
          "name": "pendingAdmin",
          "relations": [
            "config"
          ],
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          },
          "writable": true
        }
      ],
      "args": [],
      "discriminator": [
        112,
        42,
        45,
        90,
        116,
        181,
        13,
        170
      ],
      "docs": [
        "The proposed admin takes over by signing."
      ],
      "name": "acceptAdmin"
    },
    {
      "accounts": [
        {
          "accounts": [
            {
              "name": "config",
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      99,
                      111,
                      110,
                      102,
                      105,
                      103
                    ]
                  }
                ]
              },
              "writable": true
            },
            {
              "name": "round",
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      114,
                      111,
                      117,
                      110,
                      100
                    ]
                  },
                  {
                    "account": "round",
                    "kind": "account",
                    "path": "round.asset"
                  },
                  {
                    "account": "round",
                    "kind": "account",
                    "path": "round.expiry_ts"
                  }
                ]
              },
              "relations": [
                "position"
              ],
              "writable": true
            },
            {
              "name": "roundVault",
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      114,
                      111,
                      117,
                      110,
                      100,
                      95,
                      118,
                      97,
                      117,
                      108,
                      116
                    ]
                  },
                  {
                    "kind": "account",
                    "path": "round"
                  }
                ]
              },
              "writable": true
            },
            {
              "name": "houseVault",
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      104,
                      111,
                      117,
                      115,
                      101,
                      95,
                      118,
                      97,
                      117,
                      108,
                      116
                    ]
                  }
                ]
              },
              "writable": true
            },
            {
              "name": "position",
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      112,
                      111,
                      115,
                      105,
                      116,
                      105,
                      111,
                      110
                    ]
                  },
                  {
                    "account": "position",
                    "kind": "account",
                    "path": "position.quote_id"
                  },
                  {
                    "account": "position",
                    "kind": "account",
                    "path": "position.trader"
                  }
                ]
              },
              "writable": true
            },
            {
              "name": "exposure",
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      101,
                      120,
                      112,
                      111,
                      115,
                      117,
                      114,
                      101
                    ]
                  },
                  {
                    "kind": "account",
                    "path": "round"
                  },
                  {
                    "account": "position",
                    "kind": "account",
                    "path": "position.trader"
                  }
                ]
              },
              "writable": true
            },
            {
              "name": "traderToken",
              "writable": true
            },
            {
              "name": "payer",
              "relations": [
                "position"
              ],
              "writable": true
            },
            {
              "name": "collateralMint",
              "relations": [
                "config"
              ]
            },
            {
              "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",
              "name": "tokenProgram"
            }
          ],
          "name": "payout"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program"
        }
      ],
      "args": [],
      "discriminator": [
        62,
        198,
        214,
        193,
        213,
        159,
        108,
        210
      ],
      "docs": [
        "Anyone: pays a settled position to the winner (trader or house) and closes it."
      ],
      "name": "claim"
    },
    {
      "accounts": [
        {
          "name": "quoteFill",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  113,
                  117,
                  111,
                  116,
                  101,
                  95,
                  102,
                  105,
                  108,
                  108
                ]
              },
              {
                "account": "quoteFill",
                "kind": "account",
                "path": "quote_fill.quote_id"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "payer",
          "relations": [
            "quoteFill"
          ],
          "writable": true
        }
      ],
      "args": [],
      "discriminator": [
        82,
        1,
        243,
        255,
        57,
        50,
        152,
        238
      ],
      "docs": [
        "Anyone: closes an expired quote fill record; rent goes to its payer."
      ],
      "name": "closeQuoteFill"
    },
    {
      "accounts": [
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "round",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  111,
                  117,
                  110,
                  100
                ]
              },
              {
                "account": "round",
                "kind": "account",
                "path": "round.asset"
              },
              {
                "account": "round",
                "kind": "account",
                "path": "round.expiry_ts"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "roundVault",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  111,
                  117,
                  110,
                  100,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "round"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "houseVault",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  104,
                  111,
                  117,
                  115,
                  101,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              }
            ]
          },
          "writable": true
        },
        {
          "name": "opener",
          "relations": [
            "round"
          ],
          "writable": true
        },
        {
          "name": "collateralMint",
          "relations": [
            "config"
          ]
        },
        {
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",
          "name": "tokenProgram"
        }
      ],
      "args": [],
      "discriminator": [
        149,
        14,
        81,
        88,
        230,
        226,
        234,
        37
      ],
      "docs": [
        "Anyone: closes a finished round with no open positions and its vault; rent goes to the opener."
      ],
      "name": "closeRound"
    },
    {
      "accounts": [
        {
          "name": "depositor",
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "houseVault",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  104,
                  111,
                  117,
                  115,
                  101,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              }
            ]
          },
          "writable": true
        },
        {
          "name": "depositorToken",
          "writable": true
        },
        {
          "name": "collateralMint",
          "relations": [
            "config"
          ]
        },
        {
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",
          "name": "tokenProgram"
        }
      ],
      "args": [
        {
          "name": "amount",
          "type": "u64"
        }
      ],
      "discriminator": [
        175,
        231,
        49,
        44,
        144,
        102,
        41,
        69
      ],
      "docs": [
        "Anyone: deposits collateral into the house vault."
      ],
      "name": "fundHouse"
    },
    {
      "accounts": [
        {
          "docs": [
            "Must be the program's upgrade authority, so nobody can front-run the deployer and pick",
            "the oracle, settlement key and mint."
          ],
          "name": "admin",
          "signer": true,
          "writable": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          },
          "writable": true
        },
        {
          "name": "programData",
          "pda": {
            "program": {
              "kind": "const",
              "value": [
                2,
                168,
                246,
                145,
                78,
                136,
                161,
                176,
                226,
                16,
                21,
                62,
                247,
                99,
                174,
                43,
                0,
                194,
                185,
                61,
                22,
                193,
                36,
                210,
                192,
                83,
                122,
                16,
                4,
                128,
                0,
                0
              ]
            },
            "seeds": [
              {
                "kind": "const",
                "value": [
                  3,
                  132,
                  188,
                  84,
                  241,
                  184,
                  81,
                  39,
                  9,
                  243,
                  25,
                  183,
                  11,
                  41,
                  16,
                  19,
                  124,
                  110,
                  242,
                  168,
                  86,
                  198,
                  199,
                  52,
                  89,
                  18,
                  0,
                  156,
                  159,
                  230,
                  113,
                  78
                ]
              }
            ]
          }
        },
        {
          "name": "collateralMint"
        },
        {
          "name": "houseVault",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  104,
                  111,
                  117,
                  115,
                  101,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              }
            ]
          },
          "writable": true
        },
        {
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",
          "name": "tokenProgram"
        },
        {
          "address": "11111111111111111111111111111111",
          "name": "systemProgram"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "initializeConfigArgs"
            }
          }
        }
      ],
      "discriminator": [
        208,
        127,
        21,
        1,
        194,
        190,
        196,
        70
      ],
      "docs": [
        "Upgrade authority only: creates the Config PDA and the house vault; the signer becomes admin."
      ],
      "name": "initializeConfig"
    },
    {
      "accounts": [
        {
          "name": "payer",
          "signer": true,
          "writable": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "round",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  111,
                  117,
                  110,
                  100
                ]
              },
              {
                "kind": "arg",
                "path": "asset"
              },
              {
                "kind": "arg",
                "path": "expiryTs"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "roundVault",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  111,
                  117,
                  110,
                  100,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "round"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "collateralMint",
          "relations": [
            "config"
          ]
        },
        {
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",
          "name": "tokenProgram"
        },
        {
          "address": "11111111111111111111111111111111",
          "name": "systemProgram"
        }
      ],
      "args": [
        {
          "name": "asset",
          "type": "u8"
        },
        {
          "name": "expiryTs",
          "type": "i64"
        }
      ],
      "discriminator": [
        66,
        235,
        123,
        240,
        8,
        35,
        185,
        159
      ],
      "docs": [
        "Anyone: opens the round for (asset, expiry_ts) and its vault if missing (idempotent); the payer gets the rent back at close."
      ],
      "name": "openRound"
    },
    {
      "accounts": [
        {
          "name": "admin",
          "relations": [
            "config"
          ],
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          },
          "writable": true
        }
      ],
      "args": [
        {
          "name": "newEpoch",
          "type": "u64"
        }
      ],
      "discriminator": [
        38,
        165,
        242,
        180,
        148,
        78,
        231,
        30
      ],
      "docs": [
        "Admin: raises the quote epoch by one, invalidating every quote signed under an older epoch."
      ],
      "name": "raiseQuoteEpoch"
    },
    {
      "accounts": [
        {
          "accounts": [
            {
              "name": "config",
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      99,
                      111,
                      110,
                      102,
                      105,
                      103
                    ]
                  }
                ]
              },
              "writable": true
            },
            {
              "name": "round",
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      114,
                      111,
                      117,
                      110,
                      100
                    ]
                  },
                  {
                    "account": "round",
                    "kind": "account",
                    "path": "round.asset"
                  },
                  {
                    "account": "round",
                    "kind": "account",
                    "path": "round.expiry_ts"
                  }
                ]
              },
              "relations": [
                "position"
              ],
              "writable": true
            },
            {
              "name": "roundVault",
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      114,
                      111,
                      117,
                      110,
                      100,
                      95,
                      118,
                      97,
                      117,
                      108,
                      116
                    ]
                  },
                  {
                    "kind": "account",
                    "path": "round"
                  }
                ]
              },
              "writable": true
            },
            {
              "name": "houseVault",
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      104,
                      111,
                      117,
                      115,
                      101,
                      95,
                      118,
                      97,
                      117,
                      108,
                      116
                    ]
                  }
                ]
              },
              "writable": true
            },
            {
              "name": "position",
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      112,
                      111,
                      115,
                      105,
                      116,
                      105,
                      111,
                      110
                    ]
                  },
                  {
                    "account": "position",
                    "kind": "account",
                    "path": "position.quote_id"
                  },
                  {
                    "account": "position",
                    "kind": "account",
                    "path": "position.trader"
                  }
                ]
              },
              "writable": true
            },
            {
              "name": "exposure",
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      101,
                      120,
                      112,
                      111,
                      115,
                      117,
                      114,
                      101
                    ]
                  },
                  {
                    "kind": "account",
                    "path": "round"
                  },
                  {
                    "account": "position",
                    "kind": "account",
                    "path": "position.trader"
                  }
                ]
              },
              "writable": true
            },
            {
              "name": "traderToken",
              "writable": true
            },
            {
              "name": "payer",
              "relations": [
                "position"
              ],
              "writable": true
            },
            {
              "name": "collateralMint",
              "relations": [
                "config"
              ]
            },
            {
              "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",
              "name": "tokenProgram"
            }
          ],
          "name": "payout"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program"
        }
      ],
      "args": [],
      "discriminator": [
        2,
        96,
        183,
        251,
        63,
        208,
        46,
        46
      ],
      "docs": [
        "Anyone: once an unsettled round reaches its refund time, returns stake and house collateral and closes the position."
      ],
      "name": "refund"
    },
    {
      "accounts": [
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "round",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  111,
                  117,
                  110,
                  100
                ]
              },
              {
                "account": "round",
                "kind": "account",
                "path": "round.asset"
              },
              {
                "account": "round",
                "kind": "account",
                "path": "round.expiry_ts"
              }
            ]
          },
          "writable": true
        },
        {
          "address": "Sysvar1nstructions1111111111111111111111111",
          "name": "instructionsSysvar"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program"
        }
      ],
      "args": [],
      "discriminator": [
        40,
        101,
        18,
        1,
        31,
        129,
        52,
        77
      ],
      "docs": [
        "Anyone: settles a round with the settlement-authority-signed price in the preceding Ed25519 instruction."
      ],
      "name": "settleRound"
    },
    {
      "accounts": [
        {
          "name": "trader",
          "signer": true,
          "writable": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          },
          "writable": true
        },
        {
          "name": "round",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  111,
                  117,
                  110,
                  100
                ]
              },
              {
                "account": "round",
                "kind": "account",
                "path": "round.asset"
              },
              {
                "account": "round",
                "kind": "account",
                "path": "round.expiry_ts"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "roundVault",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  111,
                  117,
                  110,
                  100,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "round"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "houseVault",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  104,
                  111,
                  117,
                  115,
                  101,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              }
            ]
          },
          "writable": true
        },
        {
          "name": "quoteFill",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  113,
                  117,
                  111,
                  116,
                  101,
                  95,
                  102,
                  105,
                  108,
                  108
                ]
              },
              {
                "kind": "arg",
                "path": "quoteId"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "position",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  115,
                  105,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "arg",
                "path": "quoteId"
              },
              {
                "kind": "account",
                "path": "trader"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "exposure",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  101,
                  120,
                  112,
                  111,
                  115,
                  117,
                  114,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "round"
              },
              {
                "kind": "account",
                "path": "trader"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "traderToken",
          "writable": true
        },
        {
          "name": "collateralMint",
          "relations": [
            "config"
          ]
        },
        {
          "address": "Sysvar1nstructions1111111111111111111111111",
          "name": "instructionsSysvar"
        },
        {
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",
          "name": "tokenProgram"
        },
        {
          "address": "11111111111111111111111111111111",
          "name": "systemProgram"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "quoteId",
          "type": {
            "array": [
              "u8",
              16
            ]
          }
        },
        {
          "name": "side",
          "type": "u8"
        },
        {
          "name": "size",
          "type": "u64"
        }
      ],
      "discriminator": [
        120,
        12,
        164,
        101,
        168,
        196,
        176,
        6
      ],
      "docs": [
        "Trader: fills an oracle-signed quote verified through the preceding Ed25519 instruction."
      ],
      "name": "takeQuote"
    },
    {
      "accounts": [
        {
          "name": "trader",
          "signer": true,
          "writable": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          },
          "writable": true
        },
        {
          "name": "round",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  111,
                  117,
                  110,
                  100
                ]
              },
              {
                "account": "round",
                "kind": "account",
                "path": "round.asset"
              },
              {
                "account": "round",
                "kind": "account",
                "path": "round.expiry_ts"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "roundVault",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  111,
                  117,
                  110,
                  100,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "round"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "houseVault",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  104,
                  111,
                  117,
                  115,
                  101,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              }
            ]
          },
          "writable": true
        },
        {
          "name": "quoteFill",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  113,
                  117,
                  111,
                  116,
                  101,
                  95,
                  102,
                  105,
                  108,
                  108
                ]
              },
              {
                "kind": "arg",
                "path": "quoteId"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "position",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  115,
                  105,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "arg",
                "path": "quoteId"
              },
              {
                "kind": "account",
                "path": "trader"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "exposure",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  101,
                  120,
                  112,
                  111,
                  115,
                  117,
                  114,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "round"
              },
              {
                "kind": "account",
                "path": "trader"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "traderToken",
          "writable": true
        },
        {
          "name": "collateralMint",
          "relations": [
            "config"
          ]
        },
        {
          "address": "Sysvar1nstructions1111111111111111111111111",
          "name": "instructionsSysvar"
        },
        {
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",
          "name": "tokenProgram"
        },
        {
          "address": "11111111111111111111111111111111",
          "name": "systemProgram"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "takeQuoteV2Args"
            }
          }
        }
      ],
      "discriminator": [
        9,
        147,
        192,
        205,
        227,
        19,
        147,
        174
      ],
      "docs": [
        "Trader: fills leaf `leaf_index` of an oracle-signed ladder (quote format v2) whose root the preceding Ed25519 instruction verifies; the price ages with the leaf's decay and must not exceed `max_price`."
      ],
      "name": "takeQuoteV2"
    },
    {
      "accounts": [
        {
          "name": "admin",
          "relations": [
            "config"
          ],
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          },
          "writable": true
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "updateConfigArgs"
            }
          }
        }
      ],
      "discriminator": [
        29,
        158,
        252,
        191,
        10,
        83,
        219,
        99
      ],
      "docs": [
        "Admin: rotates authorities, proposes a new admin, sets pause, limits and the round schedule."
      ],
      "name": "updateConfig"
    },
    {
      "accounts": [
        {
          "name": "admin",
          "relations": [
            "config"
          ],
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "houseVault",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  104,
                  111,
                  117,
                  115,
                  101,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              }
            ]
          },
          "writable": true
        },
        {
          "name": "destination",
          "writable": true
        },
        {
          "name": "collateralMint",
          "relations": [
            "config"
          ]
        },
        {
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",
          "name": "tokenProgram"
        }
      ],
      "args": [
        {
          "name": "amount",
          "type": "u64"
        }
      ],
      "discriminator": [
        226,
        236,
        222,
        156,
        198,
        230,
        70,
        147
      ],
      "docs": [
        "Admin: withdraws free collateral from the house vault."
      ],
      "name": "withdrawHouse"
    }
  ],
  "metadata": {
    "description": "Signed binary quotes with escrowed collateral and oracle settlement",
    "name": "execTrade",
    "spec": "0.1.0",
    "version": "0.1.0"
  },
  "types": [
    {
      "docs": [
        "The pending admin accepted and became admin."
      ],
      "name": "adminChangedEvent",
      "type": {
        "fields": [
          {
            "name": "previousAdmin",
            "type": "pubkey"
          },
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "name": "ts",
            "type": "i64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "Program configuration, seeds [\"config\"]."
      ],
      "name": "config",
      "type": {
        "fields": [
          {
            "docs": [
              "May update the config, raise the epoch and withdraw free house collateral."
            ],
            "name": "admin",
            "type": "pubkey"
          },
          {
            "docs": [
              "Proposed by the admin; becomes admin when it signs `accept_admin`. Default = none."
            ],
            "name": "pendingAdmin",
            "type": "pubkey"
          },
          {
            "docs": [
              "Ed25519 key that signs quotes."
            ],
            "name": "oracleAuthority",
            "type": "pubkey"
          },
          {
            "docs": [
              "Ed25519 key that signs settlement prices."
            ],
            "name": "settlementAuthority",
            "type": "pubkey"
          },
          {
            "docs": [
              "Classic SPL Token mint of the collateral."
            ],
            "name": "collateralMint",
            "type": "pubkey"
          },
          {
            "docs": [
              "Cluster of this build (0 localnet, 1 devnet, 2 testnet, 3 mainnet-beta); quotes must carry it."
            ],
            "name": "cluster",
            "type": "u8"
          },
          {
            "docs": [
              "Quotes must carry exactly this epoch."
            ],
            "name": "quoteEpoch",
            "type": "u64"
          },
          {
            "docs": [
              "When true take_quote is refused; settlement, claims and refunds continue."
            ],
            "name": "paused",
            "type": "bool"
          },
          {
            "docs": [
              "Accept messages flagged SIMULATED (localnet only)."
            ],
            "name": "allowSimulated",
            "type": "bool"
          },
          {
            "docs": [
              "Risk limits, collateral atoms."
            ],
            "name": "limits",
            "type": {
              "defined": {
                "name": "riskLimits"
              }
            }
          },
          {
            "docs": [
              "Round durations and their trading-close offsets; a round's expiry must be a multiple of",
              "one of them, and its trading closes at the largest offset among those that divide it."
            ],
            "name": "roundSchedule",
            "type": {
              "array": [
                {
                  "defined": {
                    "name": "roundSpec"
                  }
                },
                8
              ]
            }
          },
          {
            "docs": [
              "Seconds after expiry at which an unsettled round becomes refundable (and can no longer be",
              "settled); fixed into each round when it opens. At least `MIN_REFUND_GRACE_SEC`."
            ],
            "name": "refundGraceSec",
            "type": "i64"
          },
          {
            "docs": [
              "House collateral locked in open positions, collateral atoms (informational)."
            ],
            "name": "houseLiability",
            "type": "u64"
          },
          {
            "docs": [
              "Bump of this PDA."
            ],
            "name": "bump",
            "type": "u8"
          },
          {
            "docs": [
              "Bump of the house vault PDA."
            ],
            "name": "houseVaultBump",
            "type": "u8"
          },
          {
            "docs": [
              "Reserved for growth."
            ],
            "name": "padding",
            "type": {
              "array": [
                "u8",
                64
              ]
            }
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "The config and the house vault were created."
      ],
      "name": "configInitializedEvent",
      "type": {
        "fields": [
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "oracleAuthority",
            "type": "pubkey"
          },
          {
            "name": "settlementAuthority",
            "type": "pubkey"
          },
          {
            "name": "collateralMint",
            "type": "pubkey"
          },
          {
            "name": "houseVault",
            "type": "pubkey"
          },
          {
            "docs": [
              "Cluster id."
            ],
            "name": "cluster",
            "type": "u8"
          },
          {
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "name": "ts",
            "type": "i64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "The config was changed by the admin; every field shows the value after the change."
      ],
      "name": "configUpdatedEvent",
      "type": {
        "fields": [
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "docs": [
              "Proposed admin (default = none); takes over with `accept_admin`."
            ],
            "name": "pendingAdmin",
            "type": "pubkey"
          },
          {
            "name": "oracleAuthority",
            "type": "pubkey"
          },
          {
            "name": "settlementAuthority",
            "type": "pubkey"
          },
          {
            "name": "paused",
            "type": "bool"
          },
          {
            "name": "allowSimulated",
            "type": "bool"
          },
          {
            "docs": [
              "Collateral atoms."
            ],
            "name": "limits",
            "type": {
              "defined": {
                "name": "riskLimits"
              }
            }
          },
          {
            "docs": [
              "Round durations and trading-close offsets, seconds."
            ],
            "name": "roundSchedule",
            "type": {
              "array": [
                {
                  "defined": {
                    "name": "roundSpec"
                  }
                },
                8
              ]
            }
          },
          {
            "docs": [
              "Seconds."
            ],
            "name": "refundGraceSec",
            "type": "i64"
          },
          {
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "name": "ts",
            "type": "i64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "Collateral was deposited into the house vault."
      ],
      "name": "houseFundedEvent",
      "type": {
        "fields": [
          {
            "name": "depositor",
            "type": "pubkey"
          },
          {
            "docs": [
              "Collateral atoms deposited."
            ],
            "name": "amount",
            "type": "u64"
          },
          {
            "docs": [
              "House vault balance after the deposit, collateral atoms."
            ],
            "name": "vaultBalance",
            "type": "u64"
          },
          {
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "name": "ts",
            "type": "i64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "The admin withdrew collateral from the house vault."
      ],
      "name": "houseWithdrawnEvent",
      "type": {
        "fields": [
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "destination",
            "type": "pubkey"
          },
          {
            "docs": [
              "Collateral atoms withdrawn."
            ],
            "name": "amount",
            "type": "u64"
          },
          {
            "docs": [
              "House vault balance after the withdrawal, collateral atoms."
            ],
            "name": "vaultBalance",
            "type": "u64"
          },
          {
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "name": "ts",
            "type": "i64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "Arguments of initialize_config. The cluster is not an argument: it is the build's",
        "(`constants::CLUSTER`)."
      ],
      "name": "initializeConfigArgs",
      "type": {
        "fields": [
          {
            "name": "oracleAuthority",
            "type": "pubkey"
          },
          {
            "name": "settlementAuthority",
            "type": "pubkey"
          },
          {
            "name": "allowSimulated",
            "type": "bool"
          },
          {
            "name": "limits",
            "type": {
              "defined": {
                "name": "riskLimits"
              }
            }
          },
          {
            "name": "roundSchedule",
            "type": {
              "array": [
                {
                  "defined": {
                    "name": "roundSpec"
                  }
                },
                8
              ]
            }
          },
          {
            "name": "refundGraceSec",
            "type": "i64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "One trader's fill of one quote, seeds [\"position\", quote_id, trader]."
      ],
      "name": "position",
      "type": {
        "fields": [
          {
            "name": "trader",
            "type": "pubkey"
          },
          {
            "name": "round",
            "type": "pubkey"
          },
          {
            "name": "quoteId",
            "type": {
              "array": [
                "u8",
                16
              ]
            }
          },
          {
            "docs": [
              "Price micro-units."
            ],
            "name": "strike",
            "type": "u64"
          },
          {
            "name": "side",
            "type": {
              "defined": {
                "name": "side"
              }
            }
          },
          {
            "docs": [
              "Payout if the position wins, collateral atoms."
            ],
            "name": "size",
            "type": "u64"
          },
          {
            "docs": [
              "Paid by the trader, collateral atoms."
            ],
            "name": "stake",
            "type": "u64"
          },
          {
            "docs": [
              "Locked by the house (size - stake), collateral atoms."
            ],
            "name": "houseCollateral",
            "type": "u64"
          },
          {
            "docs": [
              "Receives the rent when the position closes."
            ],
            "name": "payer",
            "type": "pubkey"
          },
          {
            "name": "bump",
            "type": "u8"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "A settled position was paid out and closed."
      ],
      "name": "positionClaimedEvent",
      "type": {
        "fields": [
          {
            "name": "round",
            "type": "pubkey"
          },
          {
            "name": "position",
            "type": "pubkey"
          },
          {
            "name": "trader",
            "type": "pubkey"
          },
          {
            "name": "side",
            "type": {
              "defined": {
                "name": "side"
              }
            }
          },
          {
            "docs": [
              "Winning side: Up if settlement_price >= strike."
            ],
            "name": "outcome",
            "type": {
              "defined": {
                "name": "side"
              }
            }
          },
          {
            "docs": [
              "Collateral atoms paid to the trader."
            ],
            "name": "toTrader",
            "type": "u64"
          },
          {
            "docs": [
              "Collateral atoms returned to the house vault."
            ],
            "name": "toHouse",
            "type": "u64"
          },
          {
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "name": "ts",
            "type": "i64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "A position of an unsettled round was refunded and closed."
      ],
      "name": "positionRefundedEvent",
      "type": {
        "fields": [
          {
            "name": "round",
            "type": "pubkey"
          },
          {
            "name": "position",
            "type": "pubkey"
          },
          {
            "name": "trader",
            "type": "pubkey"
          },
          {
            "docs": [
              "Stake returned to the trader, collateral atoms."
            ],
            "name": "toTrader",
            "type": "u64"
          },
          {
            "docs": [
              "House collateral returned to the house vault, collateral atoms."
            ],
            "name": "toHouse",
            "type": "u64"
          },
          {
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "name": "ts",
            "type": "i64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "The admin raised the quote epoch."
      ],
      "name": "quoteEpochRaisedEvent",
      "type": {
        "fields": [
          {
            "name": "oldEpoch",
            "type": "u64"
          },
          {
            "name": "newEpoch",
            "type": "u64"
          },
          {
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "name": "ts",
            "type": "i64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "Replay record of one signed quote, seeds [\"quote_fill\", quote_id]."
      ],
      "name": "quoteFill",
      "type": {
        "fields": [
          {
            "name": "quoteId",
            "type": {
              "array": [
                "u8",
                16
              ]
            }
          },
          {
            "name": "round",
            "type": "pubkey"
          },
          {
            "docs": [
              "Total size all fills may reach, collateral atoms."
            ],
            "name": "maxSize",
            "type": "u64"
          },
          {
            "docs": [
              "Size filled so far, collateral atoms."
            ],
            "name": "filledSize",
            "type": "u64"
          },
          {
            "docs": [
              "Unix ms after which the quote cannot be filled."
            ],
            "name": "validUntilMs",
            "type": "i64"
          },
          {
            "docs": [
              "Receives the rent when the record closes."
            ],
            "name": "payer",
            "type": "pubkey"
          },
          {
            "name": "bump",
            "type": "u8"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "An expired quote fill record was closed."
      ],
      "name": "quoteFillClosedEvent",
      "type": {
        "fields": [
          {
            "name": "quoteFill",
            "type": "pubkey"
          },
          {
            "name": "quoteId",
            "type": {
              "array": [
                "u8",
                16
              ]
            }
          },
          {
            "docs": [
              "Collateral atoms."
            ],
            "name": "filledSize",
            "type": "u64"
          },
          {
            "docs": [
              "Collateral atoms."
            ],
            "name": "maxSize",
            "type": "u64"
          },
          {
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "name": "ts",
            "type": "i64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "A trader filled a signed quote."
      ],
      "name": "quoteTakenEvent",
      "type": {
        "fields": [
          {
            "name": "round",
            "type": "pubkey"
          },
          {
            "name": "position",
            "type": "pubkey"
          },
          {
            "name": "trader",
            "type": "pubkey"
          },
          {
            "name": "quoteId",
            "type": {
              "array": [
                "u8",
                16
              ]
            }
          },
          {
            "name": "side",
            "type": {
              "defined": {
                "name": "side"
              }
            }
          },
          {
            "docs": [
              "Price micro-units."
            ],
            "name": "strike",
            "type": "u64"
          },
          {
            "docs": [
              "The signed price of the side, probability micro-units."
            ],
            "name": "quotedPrice",
            "type": "u32"
          },
          {
            "docs": [
              "The price charged (the signed price aged by its decay; equal for v1), probability micro-units."
            ],
            "name": "price",
            "type": "u32"
          },
          {
            "docs": [
              "Payout if the position wins, collateral atoms."
            ],
            "name": "size",
            "type": "u64"
          },
          {
            "docs": [
              "Paid by the trader, collateral atoms."
            ],
            "name": "stake",
            "type": "u64"
          },
          {
            "docs": [
              "Moved from the house vault, collateral atoms."
            ],
            "name": "houseCollateral",
            "type": "u64"
          },
          {
            "docs": [
              "Quote size filled after this fill, collateral atoms."
            ],
            "name": "filledSize",
            "type": "u64"
          },
          {
            "docs": [
              "Quote max size, collateral atoms."
            ],
            "name": "maxSize",
            "type": "u64"
          },
          {
            "docs": [
              "The round's worst-case net payout for the house after this fill, collateral atoms."
            ],
            "name": "roundWorstCaseNetPayout",
            "type": "u64"
          },
          {
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "name": "ts",
            "type": "i64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "Risk limits, all in collateral atoms."
      ],
      "name": "riskLimits",
      "type": {
        "fields": [
          {
            "docs": [
              "Smallest size (payout) of one fill, collateral atoms (dust fills cannot fill a round's strike book)."
            ],
            "name": "minPositionSize",
            "type": "u64"
          },
          {
            "docs": [
              "Largest size (payout) of one fill, collateral atoms."
            ],
            "name": "maxPositionSize",
            "type": "u64"
          },
          {
            "docs": [
              "Largest worst-case net payout of the house in one round over every settlement price,",
              "collateral atoms (hedged positions offset each other)."
            ],
            "name": "maxRoundNetPayout",
            "type": "u64"
          },
          {
            "docs": [
              "Largest total size one wallet may hold in one round, collateral atoms."
            ],
            "name": "maxWalletRoundSize",
            "type": "u64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "One expiry of one asset, seeds [\"round\", asset, expiry_ts (i64 LE)]."
      ],
      "name": "round",
      "type": {
        "fields": [
          {
            "docs": [
              "1 BTC, 2 ETH, 3 SOL."
            ],
            "name": "asset",
            "type": "u8"
          },
          {
            "docs": [
              "Unix seconds."
            ],
            "name": "expiryTs",
            "type": "i64"
          },
          {
            "docs": [
              "No fill at or after this instant, unix seconds (fixed at open from the schedule)."
            ],
            "name": "tradingCloseTs",
            "type": "i64"
          },
          {
            "docs": [
              "Refunds may start, and settlement no longer lands, at this instant, unix seconds (fixed",
              "at open: expiry + the config's refund grace then)."
            ],
            "name": "refundAfterTs",
            "type": "i64"
          },
          {
            "name": "status",
            "type": {
              "defined": {
                "name": "roundStatus"
              }
            }
          },
          {
            "docs": [
              "Price micro-units; 0 until settled."
            ],
            "name": "settlementPrice",
            "type": "u64"
          },
          {
            "docs": [
              "Chain clock at settlement, unix seconds; 0 until settled."
            ],
            "name": "settledAt",
            "type": "i64"
          },
          {
            "docs": [
              "Sum of open position sizes (gross), collateral atoms."
            ],
            "name": "totalSize",
            "type": "u64"
          },
          {
            "name": "openPositions",
            "type": "u32"
          },
          {
            "docs": [
              "The house's worst-case net payout over every settlement price, collateral atoms."
            ],
            "name": "worstCaseNetPayout",
            "type": "u64"
          },
          {
            "docs": [
              "Entries of `exposures` in use, sorted by strike."
            ],
            "name": "strikeCount",
            "type": "u8"
          },
          {
            "docs": [
              "Fills per strike (the first `strike_count` entries)."
            ],
            "name": "exposures",
            "type": {
              "array": [
                {
                  "defined": {
                    "name": "strikeExposure"
                  }
                },
                32
              ]
            }
          },
          {
            "docs": [
              "Paid the rent; receives it when the round closes."
            ],
            "name": "opener",
            "type": "pubkey"
          },
          {
            "name": "vaultBump",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "docs": [
              "Reserved for growth."
            ],
            "name": "padding",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "A finished round and its vault were closed."
      ],
      "name": "roundClosedEvent",
      "type": {
        "fields": [
          {
            "name": "round",
            "type": "pubkey"
          },
          {
            "name": "asset",
            "type": "u8"
          },
          {
            "docs": [
              "Unix seconds."
            ],
            "name": "expiryTs",
            "type": "i64"
          },
          {
            "name": "status",
            "type": {
              "defined": {
                "name": "roundStatus"
              }
            }
          },
          {
            "docs": [
              "Stray collateral atoms swept from the round vault to the house vault."
            ],
            "name": "swept",
            "type": "u64"
          },
          {
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "name": "ts",
            "type": "i64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "A round and its vault were created."
      ],
      "name": "roundOpenedEvent",
      "type": {
        "fields": [
          {
            "name": "round",
            "type": "pubkey"
          },
          {
            "name": "asset",
            "type": "u8"
          },
          {
            "docs": [
              "Unix seconds."
            ],
            "name": "expiryTs",
            "type": "i64"
          },
          {
            "docs": [
              "Unix seconds."
            ],
            "name": "tradingCloseTs",
            "type": "i64"
          },
          {
            "docs": [
              "Unix seconds."
            ],
            "name": "refundAfterTs",
            "type": "i64"
          },
          {
            "name": "opener",
            "type": "pubkey"
          },
          {
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "name": "ts",
            "type": "i64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "A round was settled with a signed settlement price."
      ],
      "name": "roundSettledEvent",
      "type": {
        "fields": [
          {
            "name": "round",
            "type": "pubkey"
          },
          {
            "name": "asset",
            "type": "u8"
          },
          {
            "docs": [
              "Unix seconds."
            ],
            "name": "expiryTs",
            "type": "i64"
          },
          {
            "docs": [
              "Price micro-units."
            ],
            "name": "settlementPrice",
            "type": "u64"
          },
          {
            "docs": [
              "Unix ms the settlement was signed."
            ],
            "name": "publishedAtMs",
            "type": "i64"
          },
          {
            "docs": [
              "Settlement rule id."
            ],
            "name": "method",
            "type": "u8"
          },
          {
            "name": "sourceCount",
            "type": "u8"
          },
          {
            "docs": [
              "sha256 of the published venue-price record."
            ],
            "name": "sourcesHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "name": "ts",
            "type": "i64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "One round duration of the schedule and its trading close (see `rules::schedule`)."
      ],
      "name": "roundSpec",
      "type": {
        "fields": [
          {
            "docs": [
              "Round duration, seconds; rounds expire at its multiples. 0 = unused entry."
            ],
            "name": "durationSec",
            "type": "u32"
          },
          {
            "docs": [
              "Trading closes this many seconds before expiry."
            ],
            "name": "closeOffsetSec",
            "type": "u32"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "Lifecycle of a round."
      ],
      "name": "roundStatus",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "open"
          },
          {
            "name": "settled"
          },
          {
            "name": "refunding"
          }
        ]
      }
    },
    {
      "docs": [
        "Side of a binary position."
      ],
      "name": "side",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "up"
          },
          {
            "name": "down"
          }
        ]
      }
    },
    {
      "docs": [
        "Fills at one strike of a round, for the house's worst-case net payout."
      ],
      "name": "strikeExposure",
      "type": {
        "fields": [
          {
            "docs": [
              "Price micro-units."
            ],
            "name": "strike",
            "type": "u64"
          },
          {
            "docs": [
              "Total size of UP fills at this strike, collateral atoms."
            ],
            "name": "upSize",
            "type": "u64"
          },
          {
            "docs": [
              "Total stake of those UP fills, collateral atoms."
            ],
            "name": "upStake",
            "type": "u64"
          },
          {
            "docs": [
              "Total size of DOWN fills at this strike, collateral atoms."
            ],
            "name": "downSize",
            "type": "u64"
          },
          {
            "docs": [
              "Total stake of those DOWN fills, collateral atoms."
            ],
            "name": "downStake",
            "type": "u64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "Arguments of take_quote_v2. `quote_id` comes first: the accounts' PDA seeds read it."
      ],
      "name": "takeQuoteV2Args",
      "type": {
        "fields": [
          {
            "name": "quoteId",
            "type": {
              "array": [
                "u8",
                16
              ]
            }
          },
          {
            "docs": [
              "Position of the leaf in the signed ladder."
            ],
            "name": "leafIndex",
            "type": "u16"
          },
          {
            "docs": [
              "The leaf's 60 bytes (docs/quote-format.md, v2)."
            ],
            "name": "leaf",
            "type": {
              "array": [
                "u8",
                60
              ]
            }
          },
          {
            "docs": [
              "Sibling hashes from the leaf up to the root."
            ],
            "name": "proof",
            "type": {
              "vec": {
                "array": [
                  "u8",
                  32
                ]
              }
            }
          },
          {
            "name": "side",
            "type": "u8"
          },
          {
            "docs": [
              "Payout if the position wins, collateral atoms."
            ],
            "name": "size",
            "type": "u64"
          },
          {
            "docs": [
              "The highest price (probability micro-units) the taker accepts once the quote has aged."
            ],
            "name": "maxPrice",
            "type": "u32"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "Arguments of update_config; None leaves a field unchanged. A new admin is only proposed: it",
        "takes over when it signs `accept_admin`."
      ],
      "name": "updateConfigArgs",
      "type": {
        "fields": [
          {
            "name": "newAdmin",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "oracleAuthority",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "settlementAuthority",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "paused",
            "type": {
              "option": "bool"
            }
          },
          {
            "name": "allowSimulated",
            "type": {
              "option": "bool"
            }
          },
          {
            "name": "limits",
            "type": {
              "option": {
                "defined": {
                  "name": "riskLimits"
                }
              }
            }
          },
          {
            "name": "roundSchedule",
            "type": {
              "option": {
                "array": [
                  {
                    "defined": {
                      "name": "roundSpec"
                    }
                  },
                  8
                ]
              }
            }
          },
          {
            "name": "refundGraceSec",
            "type": {
              "option": "i64"
            }
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "Total size one wallet holds in one round, seeds [\"exposure\", round, trader]."
      ],
      "name": "walletExposure",
      "type": {
        "fields": [
          {
            "name": "round",
            "type": "pubkey"
          },
          {
            "name": "trader",
            "type": "pubkey"
          },
          {
            "docs": [
              "Collateral atoms."
            ],
            "name": "totalSize",
            "type": "u64"
          },
          {
            "name": "bump",
            "type": "u8"
          }
        ],
        "kind": "struct"
      }
    }
  ]
};
