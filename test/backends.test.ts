import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backend as nodeBackend, kdf as nodeKdf, random as nodeRandom, streamed, truncatedMacsWith } from '../src/crypto/node.js';
import { backend as webBackend, kdf as webKdf, random as webRandom } from '../src/crypto/web.js';
import type { HashAlgorithm } from '../src/index.js';
import { toHex } from './helpers.js';

const algorithms: HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
const nodeNames = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' } as const;
const streamedMacs = truncatedMacsWith(streamed);

/** RFC 4226 §5.2's message: the counter as 8 bytes, big-endian. */
const counterMessage = (counter: bigint) => {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(counter);
  return message;
};

/** RFC 4226 §5.3's dynamic truncation, written apart from the library's: 31 bits at the last byte's low nibble. */
const truncated = (mac: Buffer) => mac.readUInt32BE(mac[mac.length - 1]! & 0x0f) & 0x7fff_ffff;

describe('the node:crypto and WebCrypto backends', () => {
  it("give identical truncated HMACs of counters for random keys (past the hash block too), equal to createHmac's (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...algorithms),
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.array(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), { minLength: 0, maxLength: 5 }),
        async (algorithm, key, counters) => {
          // Numbers where they are safe integers, as the core passes them.
          const given = counters.map((c) => (c <= BigInt(Number.MAX_SAFE_INTEGER) && c % 2n === 0n ? Number(c) : c));
          const [fromNode, fromWeb, fromStreamed] = await Promise.all([
            nodeBackend.truncatedMacs(algorithm, key, given),
            webBackend.truncatedMacs(algorithm, key, given),
            streamedMacs(algorithm, key, given),
          ]);
          const reference = counters.map((c) => truncated(createHmac(nodeNames[algorithm], key).update(counterMessage(c)).digest()));
          expect(fromNode).toEqual(reference);
          expect(fromWeb).toEqual(reference);
          expect(fromStreamed).toEqual(reference);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leave no key in the shared node pads, even when hashing throws halfway', () => {
    // A digest that fails on its second call: the key is in the pads by then.
    let calls = 0;
    const failing = truncatedMacsWith((algorithm, data, encoding) => {
      if (++calls === 2) throw new Error('hash failed');
      return streamed(algorithm, data, encoding);
    });
    const long = new Uint8Array(64).fill(0xff);
    expect(() => failing('SHA1', long, [1, 2])).toThrow('hash failed');
    // A shorter key next: a byte of the long one left in the pads would change its HMAC.
    const short = Uint8Array.of(1, 2, 3);
    const reference = truncated(createHmac('sha1', short).update(counterMessage(7n)).digest());
    expect(nodeBackend.truncatedMacs('SHA1', short, [7])).toEqual([reference]);
  });

  it('give identical PBKDF2-HMAC-SHA-256 output', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.uint8Array({ minLength: 4, maxLength: 32 }), fc.integer({ min: 1, max: 50 }), async (password, salt, iterations) => {
        const [a, b] = await Promise.all([nodeKdf.pbkdf2Sha256(password, salt, iterations, 32), webKdf.pbkdf2Sha256(password, salt, iterations, 32)]);
        expect(toHex(a)).toBe(toHex(b));
      }),
      { numRuns: 50 },
    );
  });

  it('fill random byte arrays of any size, past the 65,536-byte getRandomValues limit', () => {
    for (const b of [nodeRandom, webRandom]) {
      for (const length of [0, 1, 20, 65_536, 65_537, 200_000]) {
        const bytes = b.randomBytes(length);
        expect(bytes).toHaveLength(length);
        if (length >= 20) expect(bytes.some((x) => x !== 0)).toBe(true);
      }
      const tail = b.randomBytes(70_000).subarray(65_536);
      expect(tail.some((x) => x !== 0)).toBe(true);
    }
  });

  it('name themselves, so a runtime can be checked for the build it resolved', () => {
    expect(nodeBackend.name).toBe('node');
    expect(webBackend.name).toBe('web');
  });
});
