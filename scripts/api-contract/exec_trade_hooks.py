"""
Schemathesis hooks for the exec-trade API contract run (scripts/api-contract/run.ts sets the
environment). Quote ids live a few seconds and settlements exist only for past expiries, so random
values alone would only ever meet 404s: in 60 % of the cases these hooks put live data in place
(a quote id from GET /v1/markets, a wallet key, a size within the quote's maximum, a recent expiry).
The other 40 % stay as schemathesis generated them, negative and edge cases included.
"""
import json
import os
import random
import time
import urllib.request

import schemathesis

API = os.environ["CONTRACT_API_URL"]
WALLET = os.environ["CONTRACT_WALLET"]
ROUND_SEC = int(os.environ.get("CONTRACT_ROUND_SEC", "15"))
SYMBOLS = ["BTCUSDT", "ETHUSDT", "SOLUSDT"]
_live = {"at": -1.0, "quotes": []}


def _quotes():
    """The quotes of the live surfaces, read at most every 0.5 s."""
    if time.monotonic() - _live["at"] >= 0.5:
        _live["at"] = time.monotonic()
        try:
            with urllib.request.urlopen(API + "/v1/markets", timeout=2) as response:
                body = json.load(response)
            _live["quotes"] = [q for m in body["markets"] for r in m["rounds"] for q in r["quotes"]]
        except (OSError, ValueError, KeyError):
            pass
    return _live["quotes"]


def _recent_expiry():
    """One of the last few expiries of the shortest round (settled a few seconds after expiry)."""
    now = int(time.time()) - 5
    return str(now - now % ROUND_SEC - ROUND_SEC * random.randint(0, 3))


@schemathesis.hook
def map_case(ctx, case):
    if random.random() < 0.4:
        return case
    path = case.operation.path
    if "{quoteId}" in path:
        quotes = _quotes()
        if quotes:
            quote = random.choice(quotes)
            case.path_parameters["quoteId"] = quote["quoteId"]
            if path.endswith("/transaction") and isinstance(case.body, dict):
                case.body["trader"] = WALLET
                case.body["side"] = random.choice(["up", "down"])
                case.body["size"] = str(random.randint(1, int(quote["maxSize"])))
    elif path == "/v1/settlements/{symbol}/{expiryTs}":
        case.path_parameters["symbol"] = random.choice(SYMBOLS)
        case.path_parameters["expiryTs"] = _recent_expiry()
    elif path == "/v1/markets/{symbol}":
        case.path_parameters["symbol"] = random.choice(SYMBOLS + [s.lower() for s in SYMBOLS])
    elif path == "/v1/faucet" and isinstance(case.body, dict):
        case.body["trader"] = WALLET
    return case
