/**
 * The node:crypto backend, used by Node, Bun and Deno (the `node` export condition).
 *
 * HMAC is built from the hash function by hand (RFC 2104 §2: H(K ⊕ opad ‖ H(K ⊕ ipad ‖ m)))
 * because one-shot `crypto.hash` calls over pads prepared once per call, with digests passed as
 * strings, cost about a quarter of `createHmac(...).update(...).digest()`: most
 * of an HMAC object's cost here is allocating the object and its output Buffer, not hashing 72
 * bytes. `npm run bench` measures both ("HMAC-SHA-1 with …" rows; on the 2-core development
 * machine about 0.9 µs against 3.3 µs). Runtimes without `crypto.hash` (before Node 20.12) fall
 * back to `createHash`, which gives the same bytes.
 */
import { Buffer } from 'node:buffer';
import * as nodeCrypto from 'node:crypto';
import { promisify } from 'node:util';
import { writeCounter } from '../internal/bytes.js';
import type { AuthenticatedCipher, Backend, HashAlgorithm, KeyDerivation, RandomSource } from './contract.js';

/**
 * A digest as text in one of Node's string encodings: no Buffer to allocate (asking node:crypto
 * for a Buffer made each call about three times as slow). The inner digest is copied whole into
 * the outer message, so it comes as 'utf16le', two bytes per char: V8 spends some twenty
 * instructions reading a char, and half as many chars took about a thousand instructions off a
 * verification (of about 43,000, counted under valgrind). The outer digest is only read at five
 * bytes, so it comes as 'latin1' ('binary'), one byte per char and one read per byte. Every
 * digest here (20, 32 or 64 bytes) is a whole number of 'utf16le' chars, and Node gives that
 * encoding the same byte order on every platform.
 */
export type Digest = (algorithm: string, data: Uint8Array, encoding: 'utf16le' | 'latin1') => string;

const pbkdf2 = promisify(nodeCrypto.pbkdf2);

// Node documents a digest's output encoding as any of its string encodings; @types/node lists
// only the binary-to-text ones ('hex', 'base64', …), hence the casts.
const oneShot: Digest = (algorithm, data, encoding) =>
  nodeCrypto.hash(algorithm, data, encoding as nodeCrypto.BinaryToTextEncoding);

export const streamed: Digest = (algorithm, data, encoding) =>
  nodeCrypto.createHash(algorithm).update(data).digest(encoding as nodeCrypto.BinaryToTextEncoding);

/**
 * Per algorithm: node:crypto's name, the block and digest sizes (FIPS 180-4 §5.1), and two pad
 * buffers reused by every call. Between calls the pads hold RFC 2104's bare pads: inner is ipad
 * (0x36 × block) with 8 bytes after it for the counter, outer is opad (0x5c × block) with room
 * after it for H(inner). A call XORs the key into their first bytes and puts those bytes back
 * before it returns, zeroing the inner digest too, so no key or digest byte outlives it; it does
 * so in a `finally`, so that not even an exception can leave a key behind for the next call to
 * hash. Sharing them is safe because `truncatedMacsWith` runs to completion synchronously.
 * Allocating pads per call cost more than the hashing (about 1 µs), and filling whole pads
 * before and after each call (four calls into V8's fill) about 0.1 µs.
 */
function hashSetup(id: string, block: number, size: number) {
  return { id, block, size, inner: new Uint8Array(block + 8).fill(0x36, 0, block), outer: new Uint8Array(block + size).fill(0x5c, 0, block) };
}

const HASHES = {
  SHA1: hashSetup('sha1', 64, 20),
  SHA256: hashSetup('sha256', 64, 32),
  SHA512: hashSetup('sha512', 128, 64),
};

/** Copies a 'utf16le' digest into bytes: two to a char, the first in its low half. */
function writeDigest(target: Uint8Array, offset: number, text: string): void {
  for (let i = 0; i < text.length; i++) {
    const pair = text.charCodeAt(i);
    target[offset + 2 * i] = pair; // a Uint8Array keeps the low 8 bits
    target[offset + 2 * i + 1] = pair >>> 8;
  }
}

/**
 * RFC 4226 §5.3 dynamic truncation read straight from a 'latin1' digest of `size` bytes, as
 * `truncate` in internal/bytes.ts reads bytes: copying the MAC into an array first only to
 * read five of its bytes cost more than the reading.
 */
function truncateDigest(mac: string, size: number): number {
  const offset = mac.charCodeAt(size - 1) & 0x0f;
  return (
    ((mac.charCodeAt(offset) & 0x7f) << 24) |
    (mac.charCodeAt(offset + 1) << 16) |
    (mac.charCodeAt(offset + 2) << 8) |
    mac.charCodeAt(offset + 3)
  );
}

/** The truncated HMACs of `node.ts`, over a given digest function (exported so tests can run both). */
export function truncatedMacsWith(digest: Digest) {
  return (algorithm: HashAlgorithm, key: Uint8Array, counters: readonly (number | bigint)[]): number[] => {
    const { id, block, size, inner, outer } = HASHES[algorithm];
    // RFC 2104 §2: a key longer than the block is replaced by its hash; shorter ones are zero-padded.
    let k = key;
    if (key.length > block) {
      k = new Uint8Array(size);
      writeDigest(k, 0, digest(id, key, 'utf16le'));
    }
    // K ⊕ ipad and K ⊕ opad: the key's bytes over the bare pads (past the key, its zero padding
    // XORed gives the pads themselves, already there).
    for (let i = 0; i < k.length; i++) {
      inner[i] = (k[i] as number) ^ 0x36;
      outer[i] = (k[i] as number) ^ 0x5c;
    }
    const values: number[] = [];
    try {
      for (const counter of counters) {
        // RFC 4226 §5.2: the message is the counter, 8 bytes big-endian, right after the pad.
        writeCounter(inner, block, counter);
        writeDigest(outer, block, digest(id, inner, 'utf16le'));
        values.push(truncateDigest(digest(id, outer, 'latin1'), size));
      }
    } finally {
      // Back to the bare pads: no key byte, and no inner digest, left in them.
      for (let i = 0; i < k.length; i++) {
        inner[i] = 0x36;
        outer[i] = 0x5c;
      }
      outer.fill(0, block);
    }
    return values;
  };
}

export const backend: Backend = {
  name: 'node',
  // A feature test, not a runtime sniff: the same node:crypto, with or without crypto.hash.
  // Both paths give the same values; test/backends.test.ts runs truncatedMacsWith(streamed) directly.
  /* v8 ignore next */
  truncatedMacs: truncatedMacsWith(typeof nodeCrypto.hash === 'function' ? oneShot : streamed),
};

export const kdf: KeyDerivation = {
  pbkdf2Sha256: async (password, salt, iterations, length) => {
    const key = await pbkdf2(password, salt, iterations, length, 'sha256');
    return new Uint8Array(key.buffer, key.byteOffset, key.length);
  },
};

const TAG_BYTES = 16;

export const aead: AuthenticatedCipher = {
  seal: async (key, iv, plaintext, associatedData) => {
    const cipher = nodeCrypto.createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    return new Uint8Array(body.buffer, body.byteOffset, body.length);
  },
  open: async (key, iv, sealed, associatedData) => {
    if (sealed.length < TAG_BYTES) return undefined;
    const decipher = nodeCrypto.createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      const body = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
      return new Uint8Array(body.buffer, body.byteOffset, body.length);
    } catch {
      return undefined; // final() throws when the tag does not verify
    }
  },
};

export const random: RandomSource = {
  randomBytes: (length) => {
    const bytes = new Uint8Array(length);
    nodeCrypto.randomFillSync(bytes);
    return bytes;
  },
};
