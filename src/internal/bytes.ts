/** Byte helpers shared by the modules; none of them is exported from the package. */

const TWO_32 = 0x1_0000_0000;

/**
 * Writes a counter as 8 bytes, unsigned, big-endian (RFC 4226 §5.1, §5.2: "hashed high-order
 * byte first"). Numbers are split with division, never `| 0` or `>>> 0` on the whole value,
 * so counters above 2^31 and 2^32 keep their high bits (RFC 6238 §4.2).
 */
export function writeCounter(target: Uint8Array, offset: number, counter: number | bigint): void {
  let high: number;
  let low: number;
  if (typeof counter === 'bigint') {
    high = Number(counter >> 32n);
    low = Number(counter & 0xffff_ffffn);
  } else {
    high = Math.floor(counter / TWO_32);
    low = counter - high * TWO_32;
  }
  target[offset] = high >>> 24;
  target[offset + 1] = (high >>> 16) & 0xff;
  target[offset + 2] = (high >>> 8) & 0xff;
  target[offset + 3] = high & 0xff;
  target[offset + 4] = low >>> 24;
  target[offset + 5] = (low >>> 16) & 0xff;
  target[offset + 6] = (low >>> 8) & 0xff;
  target[offset + 7] = low & 0xff;
}

/**
 * RFC 4226 §5.3 dynamic truncation: the 31 bits at the offset named by the low nibble of the
 * MAC's last byte. RFC 6238 App. A: that is byte 19, 31 or 63 by digest, not always byte 19.
 */
export function truncate(mac: Uint8Array): number {
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  return (
    (((mac[offset] as number) & 0x7f) << 24) |
    ((mac[offset + 1] as number) << 16) |
    ((mac[offset + 2] as number) << 8) |
    (mac[offset + 3] as number)
  );
}

/**
 * Compares two equal-length byte arrays without an early exit: the time taken depends on the
 * length only, never on where the first difference is.
 */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] as number) ^ (b[i] as number);
  return difference === 0;
}

/**
 * The last index below `count` whose `match` is 1, or -1. Every index is evaluated and the
 * choice is made with masks, not branches, so the time taken does not tell whether or where a
 * match was found (standards S-01, R-03). `match` must return 0 or 1.
 */
export function lastMatch(count: number, match: (index: number) => number): number {
  let found = -1;
  for (let i = 0; i < count; i++) {
    const mask = -match(i);
    found = (found & ~mask) | (i & mask);
  }
  return found;
}
