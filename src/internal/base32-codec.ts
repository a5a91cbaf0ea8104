/**
 * The RFC 4648 §6 base32 codec (the alphabet `A–Z 2–7`, pad `=`) beneath both the public
 * `encodeBase32`/`decodeBase32` and the OTP functions' secrets, with no option handling.
 */
import { OTPError } from '../errors.js';
import { typeError } from './guards.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 §6 Table 3: the 5-bit value of a character code, or -1. Lower case only when loose. */
function valueOf(code: number, loose: boolean): number {
  if (code >= 65 && code <= 90) return code - 65; // A–Z: 0–25
  if (code >= 50 && code <= 55) return code - 24; // 2–7: 26–31
  if (loose && code >= 97 && code <= 122) return code - 97; // a–z
  return -1;
}

/**
 * RFC 4648 §6: the five possible final quanta. Indexed by the number of data characters in
 * the last group of 8: how many `=` complete it, or -1 where no byte count ends that way
 * (1, 3 or 6 characters carry 5, 15 or 30 bits: never a whole number of bytes).
 */
const PADDING = [0, -1, 6, -1, 4, 3, -1, 1] as const;

const EQUALS = 61;
const HYPHEN = 45;

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
 * Decodes base32, strictly or loosely (see `decodeBase32`); `label` names the input in messages ("secret: …").
 * Messages give positions and counts, never the characters themselves.
 */
export function decode(text: unknown, loose: boolean, label: string): Uint8Array {
  if (typeof text !== 'string') throw typeError(label, 'a base32 string', text);
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let length = 0;
  let buffer = 0;
  let bits = 0;
  let characters = 0;
  let pads = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Loose: ASCII whitespace (tab, LF, VT, FF, CR, space) and hyphens group the key for reading.
    if (loose && (code === 32 || (code >= 9 && code <= 13) || code === HYPHEN)) continue;
    if (code === EQUALS) {
      pads++;
      continue;
    }
    const value = valueOf(code, loose);
    if (value < 0) throw invalid(label, `invalid base32 character at position ${i}`);
    if (pads > 0) throw invalid(label, `'=' before position ${i}`);
    buffer = ((buffer << 5) | value) & 0x1fff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[length++] = (buffer >>> bits) & 0xff;
    }
    characters++;
  }
  const expectedPads = PADDING[characters % 8] as number;
  if (expectedPads < 0) {
    throw invalid(label, `impossible length of ${characters} characters`); // 1, 3 or 6 mod 8
  }
  if (loose ? pads > expectedPads : pads !== 0 && pads !== expectedPads) {
    throw invalid(label, `expected ${loose ? 'at most ' : '0 or '}${expectedPads} '=', got ${pads}`);
  }
  // RFC 4648 §3.5: a conforming encoder leaves these bits zero; decoders may reject otherwise.
  if (!loose && (buffer & ((1 << bits) - 1)) !== 0) {
    throw invalid(label, 'non-zero trailing bits');
  }
  // Padding and separators leave the estimate long; copy only then.
  return length === out.length ? out : out.slice(0, length);
}
