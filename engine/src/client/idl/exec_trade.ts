/**
 * Program IDL in camelCase format in order to be used in JS/TS.
 *
 * Note that this is only a type helper and is not the actual IDL. The original
 * IDL can be found at `target/idl/exec_trade.json`.
 */
export type ExecTrade = {
  "address": "EjcgWgR7P9GnXcvbn5dAaF8JYQEYBNBLNgHYacgABo3",
  "metadata": {
    "name": "execTrade",
    "version": "0.1.0",
    "spec": "0.1.0",
    "description": "Signed binary quotes with escrowed collateral and oracle settlement"
  },
  "instructions": [
    {
      "name": "claim",
      "docs": [
        "Anyone: pays a settled position to the winner (trader or house) and closes it."
      ],
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
      "accounts": [
        {
          "name": "config",
          "writable": true,
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
          "writable": true,
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
                "kind": "account",
                "path": "round.asset",
                "account": "round"
              },
              {
                "kind": "account",
                "path": "round.expiry_ts",
                "account": "round"
              }
            ]
          },
          "relations": [
            "position"
          ]
        },
        {
          "name": "roundVault",
          "writable": true,
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
          }
        },
        {
          "name": "houseVault",
          "writable": true,
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
          }
        },
        {
          "name": "position",
          "writable": true,
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
                "kind": "account",
                "path": "position.quote_id",
                "account": "position"
              },
              {
                "kind": "account",
                "path": "position.trader",
                "account": "position"
              }
            ]
          }
        },
        {
          "name": "exposure",
          "writable": true,
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
                "path": "position.trader",
                "account": "position"
              }
            ]
          }
        },
        {
          "name": "traderToken",
          "writable": true
        },
        {
          "name": "payer",
          "writable": true,
          "relations": [
            "position"
          ]
        },
        {
          "name": "collateralMint",
          "relations": [
            "config"
          ]
        },
        {
          "name": "tokenProgram",
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
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
      "args": []
    },
    {
      "name": "closeQuoteFill",
      "docs": [
        "Anyone: closes an expired quote fill record; rent goes to its payer."
      ],
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
      "accounts": [
        {
          "name": "quoteFill",
          "writable": true,
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
                "kind": "account",
                "path": "quote_fill.quote_id",
                "account": "quoteFill"
              }
            ]
          }
        },
        {
          "name": "payer",
          "writable": true,
          "relations": [
            "quoteFill"
          ]
        }
      ],
      "args": []
    },
    {
      "name": "closeRound",
      "docs": [
        "Anyone: closes a finished round with no open positions and its vault; rent goes to the opener."
      ],
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
          "writable": true,
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
                "kind": "account",
                "path": "round.asset",
                "account": "round"
              },
              {
                "kind": "account",
                "path": "round.expiry_ts",
                "account": "round"
              }
            ]
          }
        },
        {
          "name": "roundVault",
          "writable": true,
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
          }
        },
        {
          "name": "houseVault",
          "writable": true,
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
          }
        },
        {
          "name": "opener",
          "writable": true,
          "relations": [
            "round"
          ]
        },
        {
          "name": "collateralMint",
          "relations": [
            "config"
          ]
        },
        {
          "name": "tokenProgram",
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
        }
      ],
      "args": []
    },
    {
      "name": "fundHouse",
      "docs": [
        "Anyone: deposits collateral into the house vault."
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
          "writable": true,
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
          }
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
          "name": "tokenProgram",
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
        }
      ],
      "args": [
        {
          "name": "amount",
          "type": "u64"
        }
      ]
    },
    {
      "name": "initializeConfig",
      "docs": [
        "Creates the Config PDA and the house vault; the signer becomes admin."
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
      "accounts": [
        {
          "name": "admin",
          "writable": true,
          "signer": true
        },
        {
          "name": "config",
          "writable": true,
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
          "name": "collateralMint"
        },
        {
          "name": "houseVault",
          "writable": true,
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
          }
        },
        {
          "name": "tokenProgram",
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
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
      ]
    },
    {
      "name": "openRound",
      "docs": [
        "Anyone: opens the round for (asset, expiry_ts) and its vault; the payer gets the rent back at close."
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
      "accounts": [
        {
          "name": "payer",
          "writable": true,
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
          "name": "round",
          "writable": true,
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
          }
        },
        {
          "name": "roundVault",
          "writable": true,
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
          }
        },
        {
          "name": "collateralMint",
          "relations": [
            "config"
          ]
        },
        {
          "name": "tokenProgram",
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
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
      ]
    },
    {
      "name": "raiseQuoteEpoch",
      "docs": [
        "Admin: raises the quote epoch, invalidating every quote signed under an older epoch."
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
      "accounts": [
        {
          "name": "admin",
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "config",
          "writable": true,
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
        }
      ],
      "args": [
        {
          "name": "newEpoch",
          "type": "u64"
        }
      ]
    },
    {
      "name": "refund",
      "docs": [
        "Anyone: after the refund grace of an unsettled round, returns stake and house collateral and closes the position."
      ],
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
      "accounts": [
        {
          "name": "config",
          "writable": true,
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
          "writable": true,
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
                "kind": "account",
                "path": "round.asset",
                "account": "round"
              },
              {
                "kind": "account",
                "path": "round.expiry_ts",
                "account": "round"
              }
            ]
          },
          "relations": [
            "position"
          ]
        },
        {
          "name": "roundVault",
          "writable": true,
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
          }
        },
        {
          "name": "houseVault",
          "writable": true,
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
          }
        },
        {
          "name": "position",
          "writable": true,
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
                "kind": "account",
                "path": "position.quote_id",
                "account": "position"
              },
              {
                "kind": "account",
                "path": "position.trader",
                "account": "position"
              }
            ]
          }
        },
        {
          "name": "exposure",
          "writable": true,
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
                "path": "position.trader",
                "account": "position"
              }
            ]
          }
        },
        {
          "name": "traderToken",
          "writable": true
        },
        {
          "name": "payer",
          "writable": true,
          "relations": [
            "position"
          ]
        },
        {
          "name": "collateralMint",
          "relations": [
            "config"
          ]
        },
        {
          "name": "tokenProgram",
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
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
      "args": []
    },
    {
      "name": "settleRound",
      "docs": [
        "Anyone: settles a round with the settlement-authority-signed price in the preceding Ed25519 instruction."
      ],
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
          "writable": true,
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
                "kind": "account",
                "path": "round.asset",
                "account": "round"
              },
              {
                "kind": "account",
                "path": "round.expiry_ts",
                "account": "round"
              }
            ]
          }
        },
        {
          "name": "instructionsSysvar",
          "address": "Sysvar1nstructions1111111111111111111111111"
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
      "args": []
    },
    {
      "name": "takeQuote",
      "docs": [
        "Trader: fills an oracle-signed quote verified through the preceding Ed25519 instruction."
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
      "accounts": [
        {
          "name": "trader",
          "writable": true,
          "signer": true
        },
        {
          "name": "config",
          "writable": true,
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
          "writable": true,
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
                "kind": "account",
                "path": "round.asset",
                "account": "round"
              },
              {
                "kind": "account",
                "path": "round.expiry_ts",
                "account": "round"
              }
            ]
          }
        },
        {
          "name": "roundVault",
          "writable": true,
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
          }
        },
        {
          "name": "houseVault",
          "writable": true,
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
          }
        },
        {
          "name": "quoteFill",
          "writable": true,
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
          }
        },
        {
          "name": "position",
          "writable": true,
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
          }
        },
        {
          "name": "exposure",
          "writable": true,
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
          }
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
          "name": "instructionsSysvar",
          "address": "Sysvar1nstructions1111111111111111111111111"
        },
        {
          "name": "tokenProgram",
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
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
      ]
    },
    {
      "name": "updateConfig",
      "docs": [
        "Admin: rotates authorities or the admin, sets pause, limits and timing parameters."
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
      "accounts": [
        {
          "name": "admin",
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "config",
          "writable": true,
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
      ]
    },
    {
      "name": "withdrawHouse",
      "docs": [
        "Admin: withdraws free collateral from the house vault."
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
      "accounts": [
        {
          "name": "admin",
          "signer": true,
          "relations": [
            "config"
          ]
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
          "writable": true,
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
          }
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
          "name": "tokenProgram",
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
        }
      ],
      "args": [
        {
          "name": "amount",
          "type": "u64"
        }
      ]
    }
  ],
  "accounts": [
    {
      "name": "config",
      "discriminator": [
        155,
        12,
        170,
        224,
        30,
        250,
        204,
        130
      ]
    },
    {
      "name": "position",
      "discriminator": [
        170,
        188,
        143,
        228,
        122,
        64,
        247,
        208
      ]
    },
    {
      "name": "quoteFill",
      "discriminator": [
        82,
        71,
        232,
        67,
        159,
        6,
        102,
        210
      ]
    },
    {
      "name": "round",
      "discriminator": [
        87,
        127,
        165,
        51,
        73,
        78,
        116,
        174
      ]
    },
    {
      "name": "walletExposure",
      "discriminator": [
        96,
        91,
        128,
        118,
        104,
        144,
        64,
        198
      ]
    }
  ],
  "events": [
    {
      "name": "configInitializedEvent",
      "discriminator": [
        22,
        167,
        192,
        50,
        220,
        20,
        10,
        71
      ]
    },
    {
      "name": "configUpdatedEvent",
      "discriminator": [
        245,
        158,
        129,
        99,
        60,
        100,
        214,
        220
      ]
    },
    {
      "name": "houseFundedEvent",
      "discriminator": [
        128,
        140,
        211,
        246,
        117,
        119,
        26,
        210
      ]
    },
    {
      "name": "houseWithdrawnEvent",
      "discriminator": [
        153,
        33,
        147,
        69,
        7,
        158,
        44,
        50
      ]
    },
    {
      "name": "positionClaimedEvent",
      "discriminator": [
        71,
        99,
        34,
        201,
        107,
        155,
        178,
        95
      ]
    },
    {
      "name": "positionRefundedEvent",
      "discriminator": [
        33,
        155,
        77,
        56,
        14,
        67,
        181,
        112
      ]
    },
    {
      "name": "quoteEpochRaisedEvent",
      "discriminator": [
        49,
        103,
        151,
        141,
        83,
        165,
        223,
        1
      ]
    },
    {
      "name": "quoteFillClosedEvent",
      "discriminator": [
        149,
        93,
        43,
        110,
        36,
        133,
        222,
        194
      ]
    },
    {
      "name": "quoteTakenEvent",
      "discriminator": [
        170,
        230,
        216,
        149,
        40,
        126,
        180,
        161
      ]
    },
    {
      "name": "roundClosedEvent",
      "discriminator": [
        88,
        187,
        25,
        167,
        143,
        21,
        64,
        28
      ]
    },
    {
      "name": "roundOpenedEvent",
      "discriminator": [
        222,
        223,
        179,
        249,
        155,
        242,
        121,
        229
      ]
    },
    {
      "name": "roundSettledEvent",
      "discriminator": [
        137,
        183,
        71,
        20,
        142,
        103,
        46,
        46
      ]
    }
  ],
  "errors": [
    {
      "code": 6000,
      "name": "mathOverflow",
      "msg": "Math: overflow"
    },
    {
      "code": 6001,
      "name": "ed25519MissingInstruction",
      "msg": "Ed25519: no instruction before the program instruction"
    },
    {
      "code": 6002,
      "name": "ed25519NotTopLevel",
      "msg": "Ed25519: program instruction must be called at top level, not through CPI"
    },
    {
      "code": 6003,
      "name": "ed25519WrongProgram",
      "msg": "Ed25519: preceding instruction is not the Ed25519 program"
    },
    {
      "code": 6004,
      "name": "ed25519AccountsPresent",
      "msg": "Ed25519: instruction must have no accounts"
    },
    {
      "code": 6005,
      "name": "ed25519DataTooShort",
      "msg": "Ed25519: instruction data too short"
    },
    {
      "code": 6006,
      "name": "ed25519TrailingBytes",
      "msg": "Ed25519: trailing bytes after the message"
    },
    {
      "code": 6007,
      "name": "ed25519SignatureCount",
      "msg": "Ed25519: exactly one signature required"
    },
    {
      "code": 6008,
      "name": "ed25519PaddingNonZero",
      "msg": "Ed25519: padding byte must be zero"
    },
    {
      "code": 6009,
      "name": "ed25519SignatureOffset",
      "msg": "Ed25519: signature offset not canonical"
    },
    {
      "code": 6010,
      "name": "ed25519SignatureIndexNotPinned",
      "msg": "Ed25519: signature instruction index not pinned"
    },
    {
      "code": 6011,
      "name": "ed25519PublicKeyOffset",
      "msg": "Ed25519: public key offset not canonical"
    },
    {
      "code": 6012,
      "name": "ed25519PublicKeyIndexNotPinned",
      "msg": "Ed25519: public key instruction index not pinned"
    },
    {
      "code": 6013,
      "name": "ed25519MessageOffset",
      "msg": "Ed25519: message offset not canonical"
    },
    {
      "code": 6014,
      "name": "ed25519MessageSize",
      "msg": "Ed25519: message size wrong"
    },
    {
      "code": 6015,
      "name": "ed25519MessageIndexNotPinned",
      "msg": "Ed25519: message instruction index not pinned"
    },
    {
      "code": 6016,
      "name": "ed25519WrongSigner",
      "msg": "Ed25519: signed by an unexpected key"
    },
    {
      "code": 6017,
      "name": "quoteLength",
      "msg": "Quote: wrong length"
    },
    {
      "code": 6018,
      "name": "quoteMagic",
      "msg": "Quote: bad magic"
    },
    {
      "code": 6019,
      "name": "quoteVersion",
      "msg": "Quote: unsupported version"
    },
    {
      "code": 6020,
      "name": "quoteUnknownFlags",
      "msg": "Quote: unknown flag bits"
    },
    {
      "code": 6021,
      "name": "quotePriceAboveOne",
      "msg": "Quote: price above 1.0"
    },
    {
      "code": 6022,
      "name": "quoteIdMismatch",
      "msg": "Quote: id argument differs from the signed quote"
    },
    {
      "code": 6023,
      "name": "quoteWrongProgram",
      "msg": "Quote: signed for another program"
    },
    {
      "code": 6024,
      "name": "quoteWrongCluster",
      "msg": "Quote: signed for another cluster"
    },
    {
      "code": 6025,
      "name": "quoteEpochMismatch",
      "msg": "Quote: epoch is not the current quote epoch"
    },
    {
      "code": 6026,
      "name": "quoteSimulatedNotAllowed",
      "msg": "Quote: simulated quotes not allowed"
    },
    {
      "code": 6027,
      "name": "quoteAssetMismatch",
      "msg": "Quote: asset differs from the round"
    },
    {
      "code": 6028,
      "name": "quoteExpiryMismatch",
      "msg": "Quote: expiry differs from the round"
    },
    {
      "code": 6029,
      "name": "roundNotOpen",
      "msg": "Round: not open"
    },
    {
      "code": 6030,
      "name": "quoteExpired",
      "msg": "Quote: expired"
    },
    {
      "code": 6031,
      "name": "tradingClosed",
      "msg": "Round: trading closed"
    },
    {
      "code": 6032,
      "name": "invalidSide",
      "msg": "Fill: invalid side"
    },
    {
      "code": 6033,
      "name": "priceNotTradeable",
      "msg": "Fill: price 0 or 1.0 is not tradeable"
    },
    {
      "code": 6034,
      "name": "zeroSize",
      "msg": "Fill: size is zero"
    },
    {
      "code": 6035,
      "name": "noHouseCollateral",
      "msg": "Fill: stake equals size, no house collateral"
    },
    {
      "code": 6036,
      "name": "quoteOverfilled",
      "msg": "Fill: quote max size exceeded"
    },
    {
      "code": 6037,
      "name": "positionLimit",
      "msg": "Limits: position size above maximum"
    },
    {
      "code": 6038,
      "name": "roundLimit",
      "msg": "Limits: round liability above maximum"
    },
    {
      "code": 6039,
      "name": "walletLimit",
      "msg": "Limits: wallet size in round above maximum"
    },
    {
      "code": 6040,
      "name": "houseInsufficientLiquidity",
      "msg": "House: vault cannot cover house collateral"
    },
    {
      "code": 6041,
      "name": "settlementLength",
      "msg": "Settlement: wrong length"
    },
    {
      "code": 6042,
      "name": "settlementMagic",
      "msg": "Settlement: bad magic"
    },
    {
      "code": 6043,
      "name": "settlementVersion",
      "msg": "Settlement: unsupported version"
    },
    {
      "code": 6044,
      "name": "settlementUnknownFlags",
      "msg": "Settlement: unknown flag bits"
    },
    {
      "code": 6045,
      "name": "settlementWrongProgram",
      "msg": "Settlement: signed for another program"
    },
    {
      "code": 6046,
      "name": "settlementWrongCluster",
      "msg": "Settlement: signed for another cluster"
    },
    {
      "code": 6047,
      "name": "settlementAssetMismatch",
      "msg": "Settlement: asset differs from the round"
    },
    {
      "code": 6048,
      "name": "settlementExpiryMismatch",
      "msg": "Settlement: expiry differs from the round"
    },
    {
      "code": 6049,
      "name": "settlementSimulatedNotAllowed",
      "msg": "Settlement: simulated settlements not allowed"
    },
    {
      "code": 6050,
      "name": "settlementPriceZero",
      "msg": "Settlement: price is zero"
    },
    {
      "code": 6051,
      "name": "settlementBeforeExpiry",
      "msg": "Settlement: round has not expired"
    },
    {
      "code": 6052,
      "name": "settlementPublishedBeforeExpiry",
      "msg": "Settlement: published before expiry"
    },
    {
      "code": 6053,
      "name": "roundAlreadySettled",
      "msg": "Round: already settled"
    },
    {
      "code": 6054,
      "name": "roundRefunding",
      "msg": "Round: refunding"
    },
    {
      "code": 6055,
      "name": "roundNotSettled",
      "msg": "Round: not settled"
    },
    {
      "code": 6056,
      "name": "refundTooEarly",
      "msg": "Refund: grace period not over"
    },
    {
      "code": 6057,
      "name": "quoteFillStillValid",
      "msg": "QuoteFill: quote still valid"
    },
    {
      "code": 6058,
      "name": "roundStillOpen",
      "msg": "Round: still open"
    },
    {
      "code": 6059,
      "name": "roundHasOpenPositions",
      "msg": "Round: has open positions"
    },
    {
      "code": 6060,
      "name": "invalidAsset",
      "msg": "Round: unknown asset"
    },
    {
      "code": 6061,
      "name": "roundExpiryInPast",
      "msg": "Round: expiry not in the future"
    },
    {
      "code": 6062,
      "name": "invalidTradingCloseOffset",
      "msg": "Config: trading close offset negative"
    },
    {
      "code": 6063,
      "name": "invalidRefundGrace",
      "msg": "Config: refund grace negative"
    },
    {
      "code": 6064,
      "name": "epochNotIncreasing",
      "msg": "Config: new quote epoch must be greater"
    },
    {
      "code": 6065,
      "name": "invalidRoundStatus",
      "msg": "Round: unknown status"
    },
    {
      "code": 6066,
      "name": "invalidCluster",
      "msg": "Config: unknown cluster"
    },
    {
      "code": 6067,
      "name": "zeroAmount",
      "msg": "House: amount is zero"
    },
    {
      "code": 6068,
      "name": "houseInsufficientBalance",
      "msg": "House: withdrawal above vault balance"
    },
    {
      "code": 6069,
      "name": "quoteBelowPar",
      "msg": "Quote: UP + DOWN below 1.0"
    },
    {
      "code": 6070,
      "name": "unauthorized",
      "msg": "Admin: signer is not the admin"
    },
    {
      "code": 6071,
      "name": "paused",
      "msg": "Config: trading is paused"
    },
    {
      "code": 6072,
      "name": "wrongMint",
      "msg": "Account: wrong collateral mint"
    },
    {
      "code": 6073,
      "name": "wrongRound",
      "msg": "Account: position belongs to another round"
    },
    {
      "code": 6074,
      "name": "wrongTraderToken",
      "msg": "Account: token account is not owned by the trader"
    },
    {
      "code": 6075,
      "name": "wrongPayer",
      "msg": "Account: rent destination is not the recorded payer"
    },
    {
      "code": 6076,
      "name": "wrongOpener",
      "msg": "Account: rent destination is not the round opener"
    },
    {
      "code": 6077,
      "name": "quoteFillRoundMismatch",
      "msg": "QuoteFill: recorded for another round"
    }
  ],
  "types": [
    {
      "name": "config",
      "docs": [
        "Program configuration, seeds [\"config\"]."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "admin",
            "docs": [
              "May update the config, raise the epoch and withdraw free house collateral."
            ],
            "type": "pubkey"
          },
          {
            "name": "oracleAuthority",
            "docs": [
              "Ed25519 key that signs quotes."
            ],
            "type": "pubkey"
          },
          {
            "name": "settlementAuthority",
            "docs": [
              "Ed25519 key that signs settlement prices."
            ],
            "type": "pubkey"
          },
          {
            "name": "collateralMint",
            "docs": [
              "Classic SPL Token mint of the collateral."
            ],
            "type": "pubkey"
          },
          {
            "name": "cluster",
            "docs": [
              "Cluster id quotes must carry: 0 localnet, 1 devnet, 2 testnet, 3 mainnet-beta."
            ],
            "type": "u8"
          },
          {
            "name": "quoteEpoch",
            "docs": [
              "Quotes must carry exactly this epoch."
            ],
            "type": "u64"
          },
          {
            "name": "paused",
            "docs": [
              "When true take_quote is refused; settlement, claims and refunds continue."
            ],
            "type": "bool"
          },
          {
            "name": "allowSimulated",
            "docs": [
              "Accept messages flagged SIMULATED (localnet only)."
            ],
            "type": "bool"
          },
          {
            "name": "limits",
            "docs": [
              "Risk limits, collateral atoms."
            ],
            "type": {
              "defined": {
                "name": "riskLimits"
              }
            }
          },
          {
            "name": "tradingCloseOffsetSec",
            "docs": [
              "Seconds before expiry when trading closes, set on each round at open."
            ],
            "type": "i64"
          },
          {
            "name": "refundGraceSec",
            "docs": [
              "Seconds after expiry after which an unsettled round refunds."
            ],
            "type": "i64"
          },
          {
            "name": "houseLiability",
            "docs": [
              "House collateral locked in open positions, collateral atoms (informational)."
            ],
            "type": "u64"
          },
          {
            "name": "bump",
            "docs": [
              "Bump of this PDA."
            ],
            "type": "u8"
          },
          {
            "name": "houseVaultBump",
            "docs": [
              "Bump of the house vault PDA."
            ],
            "type": "u8"
          },
          {
            "name": "padding",
            "docs": [
              "Reserved for growth."
            ],
            "type": {
              "array": [
                "u8",
                64
              ]
            }
          }
        ]
      }
    },
    {
      "name": "configInitializedEvent",
      "docs": [
        "The config and the house vault were created."
      ],
      "type": {
        "kind": "struct",
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
            "name": "cluster",
            "docs": [
              "Cluster id."
            ],
            "type": "u8"
          },
          {
            "name": "ts",
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "configUpdatedEvent",
      "docs": [
        "The config was changed by the admin; every field shows the value after the change."
      ],
      "type": {
        "kind": "struct",
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
            "name": "paused",
            "type": "bool"
          },
          {
            "name": "allowSimulated",
            "type": "bool"
          },
          {
            "name": "limits",
            "docs": [
              "Collateral atoms."
            ],
            "type": {
              "defined": {
                "name": "riskLimits"
              }
            }
          },
          {
            "name": "tradingCloseOffsetSec",
            "docs": [
              "Seconds."
            ],
            "type": "i64"
          },
          {
            "name": "refundGraceSec",
            "docs": [
              "Seconds."
            ],
            "type": "i64"
          },
          {
            "name": "ts",
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "houseFundedEvent",
      "docs": [
        "Collateral was deposited into the house vault."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "depositor",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "docs": [
              "Collateral atoms deposited."
            ],
            "type": "u64"
          },
          {
            "name": "vaultBalance",
            "docs": [
              "House vault balance after the deposit, collateral atoms."
            ],
            "type": "u64"
          },
          {
            "name": "ts",
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "houseWithdrawnEvent",
      "docs": [
        "The admin withdrew collateral from the house vault."
      ],
      "type": {
        "kind": "struct",
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
            "name": "amount",
            "docs": [
              "Collateral atoms withdrawn."
            ],
            "type": "u64"
          },
          {
            "name": "vaultBalance",
            "docs": [
              "House vault balance after the withdrawal, collateral atoms."
            ],
            "type": "u64"
          },
          {
            "name": "ts",
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "initializeConfigArgs",
      "docs": [
        "Arguments of initialize_config."
      ],
      "type": {
        "kind": "struct",
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
            "name": "cluster",
            "type": "u8"
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
            "name": "tradingCloseOffsetSec",
            "type": "i64"
          },
          {
            "name": "refundGraceSec",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "position",
      "docs": [
        "One trader's fill of one quote, seeds [\"position\", quote_id, trader]."
      ],
      "type": {
        "kind": "struct",
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
            "name": "strike",
            "docs": [
              "Price micro-units."
            ],
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
            "name": "size",
            "docs": [
              "Payout if the position wins, collateral atoms."
            ],
            "type": "u64"
          },
          {
            "name": "stake",
            "docs": [
              "Paid by the trader, collateral atoms."
            ],
            "type": "u64"
          },
          {
            "name": "houseCollateral",
            "docs": [
              "Locked by the house (size - stake), collateral atoms."
            ],
            "type": "u64"
          },
          {
            "name": "payer",
            "docs": [
              "Receives the rent when the position closes."
            ],
            "type": "pubkey"
          },
          {
            "name": "bump",
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "positionClaimedEvent",
      "docs": [
        "A settled position was paid out and closed."
      ],
      "type": {
        "kind": "struct",
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
            "name": "outcome",
            "docs": [
              "Winning side: Up if settlement_price >= strike."
            ],
            "type": {
              "defined": {
                "name": "side"
              }
            }
          },
          {
            "name": "toTrader",
            "docs": [
              "Collateral atoms paid to the trader."
            ],
            "type": "u64"
          },
          {
            "name": "toHouse",
            "docs": [
              "Collateral atoms returned to the house vault."
            ],
            "type": "u64"
          },
          {
            "name": "ts",
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "positionRefundedEvent",
      "docs": [
        "A position of an unsettled round was refunded and closed."
      ],
      "type": {
        "kind": "struct",
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
            "name": "toTrader",
            "docs": [
              "Stake returned to the trader, collateral atoms."
            ],
            "type": "u64"
          },
          {
            "name": "toHouse",
            "docs": [
              "House collateral returned to the house vault, collateral atoms."
            ],
            "type": "u64"
          },
          {
            "name": "ts",
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "quoteEpochRaisedEvent",
      "docs": [
        "The admin raised the quote epoch."
      ],
      "type": {
        "kind": "struct",
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
            "name": "ts",
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "quoteFill",
      "docs": [
        "Replay record of one signed quote, seeds [\"quote_fill\", quote_id]."
      ],
      "type": {
        "kind": "struct",
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
            "name": "maxSize",
            "docs": [
              "Total size all fills may reach, collateral atoms."
            ],
            "type": "u64"
          },
          {
            "name": "filledSize",
            "docs": [
              "Size filled so far, collateral atoms."
            ],
            "type": "u64"
          },
          {
            "name": "validUntilMs",
            "docs": [
              "Unix ms after which the quote cannot be filled."
            ],
            "type": "i64"
          },
          {
            "name": "payer",
            "docs": [
              "Receives the rent when the record closes."
            ],
            "type": "pubkey"
          },
          {
            "name": "bump",
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "quoteFillClosedEvent",
      "docs": [
        "An expired quote fill record was closed."
      ],
      "type": {
        "kind": "struct",
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
            "name": "filledSize",
            "docs": [
              "Collateral atoms."
            ],
            "type": "u64"
          },
          {
            "name": "maxSize",
            "docs": [
              "Collateral atoms."
            ],
            "type": "u64"
          },
          {
            "name": "ts",
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "quoteTakenEvent",
      "docs": [
        "A trader filled a signed quote."
      ],
      "type": {
        "kind": "struct",
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
            "name": "strike",
            "docs": [
              "Price micro-units."
            ],
            "type": "u64"
          },
          {
            "name": "price",
            "docs": [
              "Probability micro-units paid for the side."
            ],
            "type": "u32"
          },
          {
            "name": "size",
            "docs": [
              "Payout if the position wins, collateral atoms."
            ],
            "type": "u64"
          },
          {
            "name": "stake",
            "docs": [
              "Paid by the trader, collateral atoms."
            ],
            "type": "u64"
          },
          {
            "name": "houseCollateral",
            "docs": [
              "Moved from the house vault, collateral atoms."
            ],
            "type": "u64"
          },
          {
            "name": "filledSize",
            "docs": [
              "Quote size filled after this fill, collateral atoms."
            ],
            "type": "u64"
          },
          {
            "name": "maxSize",
            "docs": [
              "Quote max size, collateral atoms."
            ],
            "type": "u64"
          },
          {
            "name": "ts",
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "riskLimits",
      "docs": [
        "Risk limits, all in collateral atoms."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "maxPositionSize",
            "docs": [
              "Largest size of one fill, collateral atoms."
            ],
            "type": "u64"
          },
          {
            "name": "maxRoundLiability",
            "docs": [
              "Largest total size of open positions in one round, collateral atoms."
            ],
            "type": "u64"
          },
          {
            "name": "maxWalletRoundSize",
            "docs": [
              "Largest total size one wallet may hold in one round, collateral atoms."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "round",
      "docs": [
        "One expiry of one asset, seeds [\"round\", asset, expiry_ts (i64 LE)]."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "asset",
            "docs": [
              "1 BTC, 2 ETH, 3 SOL."
            ],
            "type": "u8"
          },
          {
            "name": "expiryTs",
            "docs": [
              "Unix seconds."
            ],
            "type": "i64"
          },
          {
            "name": "tradingCloseTs",
            "docs": [
              "No fill at or after this instant, unix seconds."
            ],
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
            "name": "settlementPrice",
            "docs": [
              "Price micro-units; 0 until settled."
            ],
            "type": "u64"
          },
          {
            "name": "settledAt",
            "docs": [
              "Chain clock at settlement, unix seconds; 0 until settled."
            ],
            "type": "i64"
          },
          {
            "name": "totalSize",
            "docs": [
              "Sum of open position sizes, collateral atoms."
            ],
            "type": "u64"
          },
          {
            "name": "openPositions",
            "type": "u32"
          },
          {
            "name": "opener",
            "docs": [
              "Paid the rent; receives it when the round closes."
            ],
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
            "name": "padding",
            "docs": [
              "Reserved for growth."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          }
        ]
      }
    },
    {
      "name": "roundClosedEvent",
      "docs": [
        "A finished round and its vault were closed."
      ],
      "type": {
        "kind": "struct",
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
            "name": "expiryTs",
            "docs": [
              "Unix seconds."
            ],
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
            "name": "swept",
            "docs": [
              "Stray collateral atoms swept from the round vault to the house vault."
            ],
            "type": "u64"
          },
          {
            "name": "ts",
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "roundOpenedEvent",
      "docs": [
        "A round and its vault were created."
      ],
      "type": {
        "kind": "struct",
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
            "name": "expiryTs",
            "docs": [
              "Unix seconds."
            ],
            "type": "i64"
          },
          {
            "name": "tradingCloseTs",
            "docs": [
              "Unix seconds."
            ],
            "type": "i64"
          },
          {
            "name": "opener",
            "type": "pubkey"
          },
          {
            "name": "ts",
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "roundSettledEvent",
      "docs": [
        "A round was settled with a signed settlement price."
      ],
      "type": {
        "kind": "struct",
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
            "name": "expiryTs",
            "docs": [
              "Unix seconds."
            ],
            "type": "i64"
          },
          {
            "name": "settlementPrice",
            "docs": [
              "Price micro-units."
            ],
            "type": "u64"
          },
          {
            "name": "publishedAtMs",
            "docs": [
              "Unix ms the settlement was signed."
            ],
            "type": "i64"
          },
          {
            "name": "method",
            "docs": [
              "Settlement rule id."
            ],
            "type": "u8"
          },
          {
            "name": "sourceCount",
            "type": "u8"
          },
          {
            "name": "sourcesHash",
            "docs": [
              "sha256 of the published venue-price record."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "ts",
            "docs": [
              "Chain clock when the event was emitted, unix seconds."
            ],
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "roundStatus",
      "docs": [
        "Lifecycle of a round."
      ],
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
      "name": "side",
      "docs": [
        "Side of a binary position."
      ],
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
      "name": "updateConfigArgs",
      "docs": [
        "Arguments of update_config; None leaves a field unchanged."
      ],
      "type": {
        "kind": "struct",
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
            "name": "tradingCloseOffsetSec",
            "type": {
              "option": "i64"
            }
          },
          {
            "name": "refundGraceSec",
            "type": {
              "option": "i64"
            }
          }
        ]
      }
    },
    {
      "name": "walletExposure",
      "docs": [
        "Total size one wallet holds in one round, seeds [\"exposure\", round, trader]."
      ],
      "type": {
        "kind": "struct",
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
            "name": "totalSize",
            "docs": [
              "Collateral atoms."
            ],
            "type": "u64"
          },
          {
            "name": "bump",
            "type": "u8"
          }
        ]
      }
    }
  ],
  "constants": [
    {
      "name": "pricePrecision",
      "docs": [
        "Price micro-units per 1 USDT (1e6)."
      ],
      "type": "u64",
      "value": "1000000"
    },
    {
      "name": "probPrecision",
      "docs": [
        "Probability micro-units per 1.0 (1e6)."
      ],
      "type": "u64",
      "value": "1000000"
    },
    {
      "name": "quoteMessageLen",
      "docs": [
        "Length of the signed quote message, bytes."
      ],
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
      "name": "settlementMessageLen",
      "docs": [
        "Length of the signed settlement message, bytes."
      ],
      "type": "u16",
      "value": "98"
    }
  ]
};
