// The benchmark's workload, made in Node with node:crypto as the reference HOTP (independent of
// every library measured): seeded random 20-byte secrets, each with a fixed instant, and a token
// that is valid at the current step (1/3), valid at the previous step (1/3), or invalid, matching
// no step from −2 to +2 (1/3). SHA1, 6 digits, 30-second steps.
import { createHmac } from 'node:crypto';

/** SplitMix32-style seeded generator: the same seed always gives the same workload. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 2 ** 32;
  };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32(bytes) {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) out += ALPHABET[(buffer >>> (bits -= 5)) & 31];
  }
  return bits ? out + ALPHABET[(buffer << (5 - bits)) & 31] : out;
}

/** RFC 4226 HOTP-SHA1, 6 digits, straight from node:crypto. */
export function referenceHOTP(key, counter) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[19] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1e6).padStart(6, '0');
}

export function makeWorkload({ size = 1200, seed = 0x07c0de } = {}) {
  const random = seededRandom(seed);
  const items = [];
  for (let i = 0; i < size; i++) {
    const key = Buffer.from(Array.from({ length: 20 }, () => Math.floor(random() * 256)));
    // An instant in 2024–2033, not on a step boundary's first or last second.
    const step = Math.floor((1_704_067_200_000 + random() * 3e11) / 30_000);
    const now = step * 30_000 + 1_000 + Math.floor(random() * 28_000);
    const kind = ['current', 'previous', 'invalid'][i % 3];
    let token;
    if (kind === 'current') token = referenceHOTP(key, step);
    else if (kind === 'previous') token = referenceHOTP(key, step - 1);
    else {
      const near = new Set([-2, -1, 0, 1, 2].map((d) => referenceHOTP(key, step + d)));
      do token = String(Math.floor(random() * 1e6)).padStart(6, '0');
      while (near.has(token));
    }
    items.push({ secret: base32(key), key: [...key], token, now, valid: kind !== 'invalid', kind });
  }
  return items;
}
