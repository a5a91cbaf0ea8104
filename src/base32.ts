/**
 * Base32 as defined by RFC 4648 §6 (the alphabet `A–Z 2–7`, pad `=`), the encoding of
 * otpauth secrets. Strict decoding follows the RFC to the letter; loose decoding accepts
 * what people and other services actually type, as Google Authenticator does.
 */
import { decode, encode } from './internal/base32-codec.js';
import { isBytes, optionsObject, typeError } from './internal/guards.js';

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
  if (!isBytes(data)) throw typeError('data', 'a Uint8Array', data);
  const padding = optionsObject(options, false, 'encodeBase32').padding ?? true;
  if (typeof padding !== 'boolean') throw typeError('padding', 'a boolean', padding);
  return encode(data, padding);
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

