/**
 * The RFC 4648 §6 base32 codec (the alphabet `A–Z 2–7`, pad `=`) beneath both the public
 * `encodeBase32`/`decodeBase32` and the OTP functions' secrets, with no option handling.
 */
import { OTPError } from '../errors.js';
import { typeError } from './guards.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Table entries that are not 5-bit values: a separator, the pad, anything else. */
const SKIP = 32;
const PAD = 33;
const INVALID = 34;

/**
 * RFC 4648 §6 Table 3 as a lookup by character code below 128: the 5-bit value of upper and lower
 * case letters and digits, PAD for `=`, SKIP for the separators a loose decode ignores (ASCII
 * whitespace: tab, LF, VT, FF, CR, space; and hyphens, which group a key for reading), INVALID
 * for the rest. A strict decode refuses lower case and separators itself. A lookup, not a chain
 * of comparisons: the secret is decoded on every verification, and this halves the time it takes.
 */
const VALUES = new Uint8Array(128).fill(INVALID);
for (let i = 0; i < 32; i++) {
  const code = ALPHABET.charCodeAt(i);
  VALUES[code] = VALUES[code | 32] = i; // | 32 turns A–Z into a–z and leaves 2–7 as they are
}
VALUES[61] = PAD; // '='
VALUES.fill(SKIP, 9, 14); // tab, LF, VT, FF, CR
VALUES[32] = VALUES[45] = SKIP; // space, hyphen

/**
 * RFC 4648 §6: the five possible final quanta. Indexed by the number of data characters in
 * the last group of 8: how many `=` complete it, or -1 where no byte count ends that way
 * (1, 3 or 6 characters carry 5, 15 or 30 bits: never a whole number of bytes).
 */
const PADDING = [0, -1, 6, -1, 4, 3, -1, 1] as const;

/**
 * True in the web build, false in the node build: set by tsup.config.ts, and by vitest.config.ts
 * for the tests of each. The web build leaves `decodeGroups` out (112 B of its 2,500 B budget for
 * TOTP): there a verification's time is WebCrypto's, and decoding is under 1% of it.
 */
declare const OTPKIT_WEB_BUILD: boolean;

function invalid(label: string, problem: string): OTPError {
  return new OTPError('ERR_BASE32_INVALID', `${label}: ${problem}`);
}

/** Upper-case base32 of `data`, padded with `=` to a multiple of 8 characters when `padding`. */
export function encode(data: Uint8Array, padding: boolean): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < data.length; i++) {
    buffer = ((buffer << 8) | (data[i] as number)) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
  }
  // RFC 4648 §3.5: the bits that complete the last character are zero.
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  if (padding) out += '='.repeat(PADDING[out.length % 8] as number);
  return out;
}

/**
 * The node build's fast path: whole groups of 8 data characters from the start of `text`, each
 * 40 bits, 5 bytes (RFC 4648 §6), written to `out` without testing after each character whether
 * a byte is complete. It stops at the first group that holds anything else (a separator, a pad,
 * an invalid character) and returns the number of bytes written, 5 for each group; `decode` goes
 * on from there and reports any error. Measured side by side in verifications with 32-character
 * secrets, it took 1% to 3% off their time.
 */
function decodeGroups(text: string, end: number, out: Uint8Array): number {
  const valueAt = (index: number) => {
    const code = text.charCodeAt(index);
    return code < end ? (VALUES[code] as number) : INVALID;
  };
  let length = 0;
  for (let i = 0; i + 8 <= text.length; i += 8) {
    let high = 0; // the group's first 4 characters, 20 bits
    let low = 0; // its last 4
    let all = 0;
    for (let j = i; j < i + 4; j++) {
      const a = valueAt(j);
      const b = valueAt(j + 4);
      high = (high << 5) | a;
      low = (low << 5) | b;
      all |= a | b;
    }
    if (all >= 32) break; // SKIP, PAD and INVALID are 32 and above; 5-bit values are not
    out[length++] = high >>> 12; // a Uint8Array keeps the low 8 bits of each
    out[length++] = high >>> 4;
    out[length++] = (high << 4) | (low >>> 16);
    out[length++] = low >>> 8;
    out[length++] = low;
  }
  return length;
}

/**
 * Decodes base32, strictly or loosely (see `decodeBase32`); `label` names the input in messages ("secret: …").
 * Messages give positions and counts, never the characters themselves.
 */
export function decode(text: unknown, loose: boolean, label: string): Uint8Array {
  if (typeof text !== 'string') throw typeError(label, 'a base32 string', text);
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  // Strict: lower case (and everything else from 'a' = 97 on) is invalid.
  const end = loose ? 128 : 97;
  // The node build decodes whole groups first (decodeGroups); the loop goes on after them.
  let length = OTPKIT_WEB_BUILD ? 0 : decodeGroups(text, end, out);
  let buffer = 0; // the bits read and not yet written out: `bits` of them, fewer than 8 between characters
  let bits = 0;
  let pads = 0;
  for (let i = (length / 5) * 8; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < end ? (VALUES[code] as number) : INVALID;
    if (value < 32 && pads === 0) {
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out[length++] = buffer >>> bits;
        buffer &= (1 << bits) - 1;
      }
    } else if (value === PAD) pads++;
    else if (value !== SKIP || !loose) {
      throw invalid(label, value < 32 ? `'=' before position ${i}` : `invalid base32 character at position ${i}`);
    }
  }
  const characters = (length * 8 + bits) / 5; // each data character carried 5 bits
  const expectedPads = PADDING[characters % 8] as number;
  if (expectedPads < 0) {
    throw invalid(label, `impossible length of ${characters} characters`); // 1, 3 or 6 mod 8
  }
  if (loose ? pads > expectedPads : pads !== 0 && pads !== expectedPads) {
    throw invalid(label, `expected ${loose ? 'at most ' : '0 or '}${expectedPads} '=', got ${pads}`);
  }
  // RFC 4648 §3.5: a conforming encoder leaves these bits zero; decoders may reject otherwise.
  if (!loose && buffer !== 0) {
    throw invalid(label, 'non-zero trailing bits');
  }
  // Padding and separators leave the estimate long; copy only then.
  return length === out.length ? out : out.slice(0, length);
}
