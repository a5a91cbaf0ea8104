/**
 * The one contract between otpkit's core and the platform's cryptography. Two files implement
 * it with the same shape: `node.ts` (node:crypto, for Node, Bun and Deno) and `web.ts`
 * (WebCrypto, for browsers, Workers and everything else). The build picks one through the
 * package's export conditions; core code imports `./backend.js` and never sniffs the runtime.
 *
 * The core validates everything first (key non-empty, algorithm allowed, counts bounded), so a
 * backend may assume valid input; both must give identical bytes for identical input.
 */

/** Hash functions HMAC is computed over (RFC 6238 §1.2: SHA-1, and MAY SHA-256 or SHA-512). */
export type HashAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/**
 * Each backend file exports three objects, one per capability, so that a bundle of
 * `generateTOTP` alone carries no PBKDF2 or random-number code (and tests can spy on each).
 */
export interface Backend {
  /** Which implementation this is, so tests can see which build a runtime resolved. */
  readonly name: 'node' | 'web';

  /**
   * For each counter C, in order: HMAC-`algorithm`(`key`, C) (RFC 2104) with C as the 8-byte
   * big-endian message of RFC 4226 §5.2, dynamically truncated to its 31-bit value (§5.3 steps 1
   * and 2, "Snum"); the HOTP code is that value mod 10^Digit. Values, not MACs: nothing else of
   * a MAC is ever read, and this is the whole hot path of HOTP and TOTP. The key is prepared
   * once per call, never once per counter, and `key` is never empty.
   *
   * node:crypto hashes synchronously, so the node backend returns the array itself, and WebCrypto
   * a Promise of it; callers await only a Promise. Promises made only to be awaited cost a node
   * verification several percent (README, Speed).
   */
  truncatedMacs(algorithm: HashAlgorithm, key: Uint8Array, counters: readonly (number | bigint)[]): number[] | Promise<number[]>;
}

export interface KeyDerivation {
  /** PBKDF2-HMAC-SHA-256 (RFC 8018 §5.2) of `password` with `salt`, `length` bytes long. */
  pbkdf2Sha256(password: Uint8Array, salt: Uint8Array, iterations: number, length: number): Promise<Uint8Array>;
}

/**
 * AES-256-GCM (NIST SP 800-38D) with a 96-bit IV and a 128-bit tag, for `otpkit/flow`'s sealed
 * secrets. The sealed form is the ciphertext followed by the tag, as WebCrypto writes it.
 */
export interface AuthenticatedCipher {
  seal(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, associatedData: Uint8Array): Promise<Uint8Array>;
  /** The plaintext, or `undefined` when the tag does not verify (tampering, a wrong key). */
  open(key: Uint8Array, iv: Uint8Array, sealed: Uint8Array, associatedData: Uint8Array): Promise<Uint8Array | undefined>;
}

export interface RandomSource {
  /** `length` bytes from the platform's CSPRNG. */
  randomBytes(length: number): Uint8Array;
}
