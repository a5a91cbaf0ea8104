#!/usr/bin/env python3
"""Finds adjacent counters that share a code, and derives RFC 4226 §7.4 resynchronisation
cases, with Python's standard library only (hmac, hashlib): independent of otpkit's TypeScript.

Run `python3 vectors/collisions.py` from the repository root; it rewrites
vectors/collisions.json. The search is deterministic (fixed keys, fixed ranges), so a re-run
must leave git clean. It takes about a minute: adjacent codes collide about once per 10^6 pairs.
"""
import hashlib
import hmac
import json
import struct
from pathlib import Path

HASHES = {"SHA1": hashlib.sha1, "SHA256": hashlib.sha256, "SHA512": hashlib.sha512}
RFC4226_KEY = b"12345678901234567890"


def hotp(key: bytes, counter: int, digits: int = 6, algorithm: str = "SHA1") -> str:
    """RFC 4226 §5.3, written from the RFC text."""
    mac = hmac.new(key, struct.pack(">Q", counter), HASHES[algorithm]).digest()
    offset = mac[-1] & 0x0F
    snum = int.from_bytes(mac[offset:offset + 4], "big") & 0x7FFFFFFF
    return str(snum % 10**digits).zfill(digits)


def adjacent_collisions(key: bytes, start: int, count: int, algorithm: str, limit: int) -> list:
    found = []
    previous = hotp(key, start, 6, algorithm)
    for counter in range(start + 1, start + count):
        code = hotp(key, counter, 6, algorithm)
        if code == previous:
            found.append({"secret_hex": key.hex(), "algorithm": algorithm, "first": counter - 1, "second": counter, "code": code})
            if len(found) == limit:
                break
        previous = code
    return found


collisions = []
# The pair the Core v2 review reported: the RFC 4226 key at steps 56188870 and 56188871.
collisions += adjacent_collisions(RFC4226_KEY, 56_188_860, 20, "SHA1", 1)
# More, from fixed keys and ranges.
for i, algorithm in enumerate(["SHA1", "SHA1", "SHA256", "SHA512"]):
    key = hashlib.sha256(f"otpkit collision key {i}".encode()).digest()[:20]
    collisions += adjacent_collisions(key, 50_000_000, 3_000_000, algorithm, 2)

# RFC 4226 §7.4: two consecutive codes at c and c + 1, somewhere after the expected counter.
resync = []
for i, (algorithm, digits, expected, offset, look_ahead) in enumerate([
    ("SHA1", 6, 0, 0, 100),
    ("SHA1", 6, 10, 57, 100),
    ("SHA1", 8, 1_000, 99, 100),
    ("SHA256", 6, 2**32, 500, 1000),
    ("SHA512", 7, 123_456, 999, 1000),
]):
    key = hashlib.sha256(f"otpkit resync key {i}".encode()).digest()[:20]
    c = expected + offset
    resync.append({
        "secret_hex": key.hex(), "algorithm": algorithm, "digits": digits, "counter": expected,
        "lookAhead": look_ahead, "tokens": [hotp(key, c, digits, algorithm), hotp(key, c + 1, digits, algorithm)],
        "expected_counter": c + 1,
    })

out = {
    "source": "derived by vectors/collisions.py (Python hmac/hashlib, independent of otpkit)",
    "collisions": collisions,
    "resync": resync,
}
Path("vectors/collisions.json").write_text(json.dumps(out, indent=2) + "\n")
print(f"{len(collisions)} collisions, {len(resync)} resync cases")
