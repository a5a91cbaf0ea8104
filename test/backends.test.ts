import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backend as nodeBackend, hmacWith, kdf as nodeKdf, random as nodeRandom, streamed } from '../src/crypto/node.js';
import { backend as webBackend, kdf as webKdf, random as webRandom } from '../src/crypto/web.js';
import type { HashAlgorithm } from '../src/index.js';
import { toHex } from './helpers.js';

const algorithms: HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
const nodeNames = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' } as const;
const streamedHmac = hmacWith(streamed);

describe('the node:crypto and WebCrypto backends', () => {
  it('give identical HMACs for random keys and messages, equal to createHmac (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...algorithms),
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.array(fc.uint8Array({ maxLength: 40 }), { minLength: 1, maxLength: 5 }),
        async (algorithm, key, messages) => {
          const [fromNode, fromWeb, fromStreamed] = await Promise.all([
            nodeBackend.hmac(algorithm, key, messages),
            webBackend.hmac(algorithm, key, messages),
            streamedHmac(algorithm, key, messages),
          ]);
          const reference = messages.map((m) => createHmac(nodeNames[algorithm], key).update(m).digest('hex'));
          expect(fromNode.map(toHex)).toEqual(reference);
          expect(fromWeb.map(toHex)).toEqual(reference);
          expect(fromStreamed.map(toHex)).toEqual(reference);
        },
      ),
      { numRuns: 300 },
    );
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
