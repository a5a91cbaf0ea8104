/**
 * Base32 as defined by RFC 4648 §6 (the alphabet `A–Z 2–7`, pad `=`), the encoding of
 * otpauth secrets. Strict decoding follows the RFC to the letter; loose decoding accepts
 * what people and other services actually type, as Google Authenticator does.
 */
import { OTPError } from './errors.js';
import { optionsObject, typeError } from './internal/guards.js';

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

/** Options of {@link encodeBase32}. */
export interface EncodeBase32Options {
  /** Append `=` to a multiple of 8 characters (RFC 4648 §3.2). Default `true`. */
  padding?: boolean;
}

/** Options of {@link decodeBase32}. */
export interface DecodeBase32Options {
  /**
   * Also accept lower case, ASCII whitespace and `-` anywhere, missing or partial padding, and
   * non-zero trailing bits. Default `false`.
   */
  loose?: boolean;
}

/**
 * Encodes bytes as upper-case RFC 4648 base32, padded by default.
 *
 * @example
 * ```ts
 * encodeBase32(new TextEncoder().encode('foobar'));                     // 'MZXW6YTBOI======'
 * encodeBase32(new TextEncoder().encode('foobar'), { padding: false }); // 'MZXW6YTBOI'
 * ```
 */
export function encodeBase32(data: Uint8Array, options?: EncodeBase32Options): string {
  if (!(data instanceof Uint8Array)) throw typeError('data', 'a Uint8Array', data);
  const padding = optionsObject(options, false, 'encodeBase32').padding ?? true;
  if (typeof padding !== 'boolean') throw typeError('padding', 'a boolean', padding);
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
 * Decodes RFC 4648 base32.
 *
 * Strict (the default) accepts exactly the canonical text: upper case, no separators, and
 * either no padding or the complete padding of §6, with the unused trailing bits zero.
 * `loose: true` also accepts lower case, ASCII whitespace and `-` anywhere, partial padding
 * and non-zero trailing bits. Both throw `ERR_BASE32_INVALID` on any other character, on `=`
 * before the end, and on an impossible length (1, 3 or 6 characters in the last group).
 *
 * @example
 * ```ts
 * decodeBase32('MZXW6YQ=');                              // bytes of 'foob'
 * decodeBase32(' jbsw y3dp-ehpk 3pxp ', { loose: true }); // 10 bytes
 * ```
 */
export function decodeBase32(text: string, options?: DecodeBase32Options): Uint8Array {
  const loose = optionsObject(options, false, 'decodeBase32').loose ?? false;
  if (typeof loose !== 'boolean') throw typeError('loose', 'a boolean', loose);
  return decode(text, loose, 'base32');
}

/**
 * The decoder behind {@link decodeBase32}; `label` names the input in messages ("secret: …").
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
    if (pads > 0) throw invalid(label, `'=' before the end, at position ${i - 1}`);
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
    throw invalid(label, `impossible length of ${characters} characters (1, 3 or 6 mod 8)`);
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
