#!/usr/bin/env python3
"""Known-answer vectors for otpkit's backup-code hash format, made with Python's hashlib
(independent of otpkit): $pbkdf2-sha256$i=<iterations>$<salt>$<digest>, where the digest is
PBKDF2-HMAC-SHA-256 (RFC 8018) of the canonical code's ASCII bytes, 32 bytes long, and salt and
digest are unpadded standard base64 (the PHC string format).

Run `python3 vectors/backup-code-hash.py`; it rewrites vectors/backup-code-hash.json. Inputs are
fixed, so a re-run must leave git clean.
"""
import base64
import hashlib
import json
from pathlib import Path


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode().rstrip("=")


CASES = [
    # (canonical code, how a user might type it, salt as hex, iterations)
    ("7G2KXM4PQH9T3VBN", "7g2k-xm4p-qh9t-3vbn", "000102030405060708090a0b0c0d0e0f", 20000),
    ("0123456789ABCDEF", "O123 4567 89ab cdef", "ffeeddccbbaa99887766554433221100", 20000),
    ("1111ZZZZ0000YYYY", "iLiL-zzzz-oOoO-yyyy", "deadbeef", 1000),
    ("ABCDEFGHJKMNPQRSTVWX", "ABCDE-FGHJK-MNPQR-STVWX", "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0", 50000),
]


def main() -> None:
    records = []
    for canonical, typed, salt_hex, iterations in CASES:
        salt = bytes.fromhex(salt_hex)
        digest = hashlib.pbkdf2_hmac("sha256", canonical.encode("ascii"), salt, iterations, 32)
        records.append({
            "canonical": canonical,
            "typed": typed,
            "salt_hex": salt_hex,
            "iterations": iterations,
            "hash": f"$pbkdf2-sha256$i={iterations}${b64(salt)}${b64(digest)}",
        })
    out = {"source": "DERIVED by vectors/backup-code-hash.py with Python's hashlib.pbkdf2_hmac", "vectors": records}
    path = Path(__file__).with_name("backup-code-hash.json")
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {path} ({len(records)} vectors)")


if __name__ == "__main__":
    main()
