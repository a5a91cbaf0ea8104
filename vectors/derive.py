#!/usr/bin/env python3
"""Derives the otpkit vectors the RFCs never exercise, with Python's standard library only
(hmac, hashlib): an implementation independent of otpkit's TypeScript.

Run `python3 vectors/derive.py` from the repository root; it rewrites vectors/derived-otp.json.
The output is deterministic (fixed inputs, no randomness), so a re-run must leave git clean.
"""
import hashlib
import hmac
import json
import struct
from pathlib import Path

# The RFC 6238 Appendix A seeds: 20, 32 and 64 bytes of the digits 1234567890 repeated.
SEEDS = {
    "SHA1": b"12345678901234567890",
    "SHA256": b"12345678901234567890123456789012",
    "SHA512": b"1234567890123456789012345678901234567890123456789012345678901234",
}
HASHES = {"SHA1": hashlib.sha1, "SHA256": hashlib.sha256, "SHA512": hashlib.sha512}


def hotp(key: bytes, counter: int, digits: int, algorithm: str) -> str:
    """RFC 4226 §5.3, written from the RFC text."""
    mac = hmac.new(key, struct.pack(">Q", counter), HASHES[algorithm]).digest()
    offset = mac[-1] & 0x0F
    snum = int.from_bytes(mac[offset:offset + 4], "big") & 0x7FFFFFFF
    return str(snum % 10**digits).zfill(digits)


def totp(key: bytes, now_ms: int, t0_ms: int, period: int, digits: int, algorithm: str):
    step = (now_ms - t0_ms) // (period * 1000)
    return step, hotp(key, step, digits, algorithm)


def main() -> None:
    hotp_records = []
    # Counters at the edges of 31, 32, 53 and 64 bits (RFC 6238 §4.2; standards T-02, T-03).
    edges = [2**31 - 1, 2**31, 2**32 - 1, 2**32, 2**53 - 1, 2**63, 2**64 - 1]
    for counter in edges:
        for algorithm, key in SEEDS.items():
            for digits in (6, 8):
                hotp_records.append({
                    "why": "counter at a 31/32/53/64-bit edge",
                    "secret_hex": key.hex(), "algorithm": algorithm, "counter": str(counter),
                    "digits": digits, "hotp": hotp(key, counter, digits, algorithm),
                })
    # 7, 9 and 10 digits on the RFC 4226 key (App. D has only 6).
    for counter in range(10):
        for digits in (7, 9, 10):
            hotp_records.append({
                "why": "digits other than 6 and 8",
                "secret_hex": SEEDS["SHA1"].hex(), "algorithm": "SHA1", "counter": str(counter),
                "digits": digits, "hotp": hotp(SEEDS["SHA1"], counter, digits, "SHA1"),
            })
    # Keys of unusual lengths: 1 byte, 10 bytes (common in the wild), and longer than the
    # hash block (RFC 2104 §2: hashed first) for SHA-1/256 (64) and SHA-512 (128).
    for length in (1, 10, 16, 64, 65, 128, 129, 200):
        key = bytes((i * 37 + 11) % 256 for i in range(length))
        for algorithm in SEEDS:
            hotp_records.append({
                "why": f"a {length}-byte key",
                "secret_hex": key.hex(), "algorithm": algorithm, "counter": "1",
                "digits": 6, "hotp": hotp(key, 1, 6, algorithm),
            })

    totp_records = []
    cases = [
        # (now_ms, t0_ms, period, why)
        (59_000, 0, 30, "RFC 6238 T = 1 again, as a control"),
        (59_000, 0, 60, "a 60-second period"),
        (1_111_111_109_000, 0, 60, "a 60-second period"),
        (1_111_111_109_000, 0, 15, "a 15-second period"),
        (1_111_111_109_999, 0, 3600, "a one-hour period, last millisecond of a second"),
        (1_700_000_000_000, 1_600_000_000_000, 30, "T0 after the epoch"),
        (1_700_000_029_999, 1_700_000_000_000, 30, "the last millisecond of T0's first step"),
        (1_700_000_030_000, 1_700_000_000_000, 30, "the first millisecond of T0's second step"),
        (64_424_509_440_000, 0, 30, "T = 2^31"),
        (128_849_018_880_000, 0, 30, "T = 2^32"),
        (4_294_967_296_000, 0, 1, "T = 2^32 with a 1-second period"),
    ]
    for now_ms, t0_ms, period, why in cases:
        for algorithm, key in SEEDS.items():
            for digits in (6, 8):
                step, code = totp(key, now_ms, t0_ms, period, digits, algorithm)
                totp_records.append({
                    "why": why, "secret_hex": key.hex(), "algorithm": algorithm, "now": now_ms,
                    "t0": t0_ms, "period": period, "digits": digits, "step": step, "totp": code,
                })

    out = {
        "source": "DERIVED by vectors/derive.py with Python's hmac and hashlib; not published in RFC 4226 or RFC 6238",
        "hotp": hotp_records,
        "totp": totp_records,
    }
    path = Path(__file__).with_name("derived-otp.json")
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {path} ({len(hotp_records)} HOTP and {len(totp_records)} TOTP records)")


if __name__ == "__main__":
    main()
