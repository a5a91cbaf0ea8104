/**
 * The WebCrypto backend, used by browsers, Workers and every runtime without the `node`
 * export condition. It uses only `crypto.subtle` and `crypto.getRandomValues`: no node:
 * import, no Buffer, no process.
 *
 * The key is imported once per call, never once per candidate, and a window's candidates are
 * signed concurrently, so a runtime that can overlap `subtle` calls does. On Node it cannot
 * much: `npm run bench` measures three concurrent signs at about the cost of three in a row
 * (~36 µs each), which is what bounds this build there (README, Speed).
 */
import { OTPError } from '../errors.js';
import { truncate } from '../internal/bytes.js';
import type { AuthenticatedCipher, Backend, HashAlgorithm, KeyDerivation, RandomSource } from './contract.js';

/**
 * `crypto.subtle`, which browsers give only to secure contexts: a page served over plain HTTP
 * from anywhere but localhost has `crypto.getRandomValues` and no `subtle`. Looked up per call,
 * so the error names the cause instead of "cannot read properties of undefined".
 */
function subtle(): SubtleCrypto {
  const found = crypto.subtle; // every runtime otpkit supports has crypto, with or without subtle
  if (!found) {
    throw new OTPError('ERR_CRYPTO_UNAVAILABLE', 'crypto.subtle: needs HTTPS or localhost');
  }
  return found;
}

/** `getRandomValues` refuses more than 65,536 bytes per call (W3C WebCrypto), so fill in chunks. */
const RANDOM_CHUNK = 65_536;

/**
 * The message buffer, made once: a counter is not secret, and an ArrayBuffer per call cost
 * Chromium more to allocate and collect than the JavaScript of a whole verification.
 */
const message = new DataView(new ArrayBuffer(8));

export const backend: Backend = {
  name: 'web',
  async truncatedMacs(algorithm: HashAlgorithm, key: Uint8Array, counters: readonly (number | bigint)[]) {
    const webCrypto = subtle();
    const cryptoKey = await webCrypto.importKey(
      'raw',
      key as Uint8Array<ArrayBuffer>,
      // WebCrypto's names: 'SHA-1', 'SHA-256', 'SHA-512'.
      { name: 'HMAC', hash: algorithm.replace('SHA', 'SHA-') },
      false,
      ['sign'],
    );
    // RFC 4226 §5.2: the counter as 8 bytes, big-endian (DataView's default). One view serves
    // every sign, even of calls running concurrently: WebCrypto copies the data before sign()
    // returns (W3C WebCrypto, "get a copy of the bytes held by"). The BigInt costs nothing
    // beside a sign; the core has checked every counter (a safe integer or a bigint below 2^64).
    const macs = await Promise.all(
      counters.map((counter) => (message.setBigUint64(0, BigInt(counter)), webCrypto.sign('HMAC', cryptoKey, message))),
    );
    return macs.map((mac) => truncate(new Uint8Array(mac)));
  },
};

export const kdf: KeyDerivation = {
  async pbkdf2Sha256(password, salt, iterations, length) {
    const webCrypto = subtle();
    const baseKey = await webCrypto.importKey('raw', password as Uint8Array<ArrayBuffer>, 'PBKDF2', false, [
      'deriveBits',
    ]);
    const bits = await webCrypto.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
      baseKey,
      length * 8,
    );
    return new Uint8Array(bits);
  },
};

/** AES-GCM's key, imported for one use; WebCrypto appends the 128-bit tag to the ciphertext. */
async function aesKey(key: Uint8Array, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  return subtle().importKey('raw', key as Uint8Array<ArrayBuffer>, 'AES-GCM', false, [usage]);
}

export const aead: AuthenticatedCipher = {
  async seal(key, iv, plaintext, associatedData) {
    const params = { name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer>, additionalData: associatedData as Uint8Array<ArrayBuffer> };
    return new Uint8Array(await subtle().encrypt(params, await aesKey(key, 'encrypt'), plaintext as Uint8Array<ArrayBuffer>));
  },
  async open(key, iv, sealed, associatedData) {
    const params = { name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer>, additionalData: associatedData as Uint8Array<ArrayBuffer> };
    const cryptoKey = await aesKey(key, 'decrypt');
    try {
      return new Uint8Array(await subtle().decrypt(params, cryptoKey, sealed as Uint8Array<ArrayBuffer>));
    } catch {
      return undefined; // an OperationError when the tag does not verify
    }
  },
};

export const random: RandomSource = {
  randomBytes(length) {
    const bytes = new Uint8Array(length);
    for (let offset = 0; offset < length; offset += RANDOM_CHUNK) {
      crypto.getRandomValues(bytes.subarray(offset, Math.min(length, offset + RANDOM_CHUNK)));
    }
    return bytes;
  },
};
