/**
 * Reed–Solomon error correction over GF(2^8) as QR codes use it (ISO/IEC 18004 §7.5.2): the
 * field's reducing polynomial is x^8 + x^4 + x^3 + x^2 + 1 (0x11D), generator α = 2, and the
 * generator polynomial of degree n is (x − α^0)(x − α^1)…(x − α^(n−1)).
 */

/** α^i for i = 0 … 254, and the discrete log of every non-zero element; built on first use. */
let exp: Uint8Array | undefined;
let log: Uint8Array | undefined;

function tables(): [Uint8Array, Uint8Array] {
  if (!exp || !log) {
    exp = new Uint8Array(255);
    log = new Uint8Array(256);
    let x = 1;
    for (let i = 0; i < 255; i++) {
      exp[i] = x;
      log[x] = i;
      x <<= 1;
      if (x & 0x100) x ^= 0x11d;
    }
  }
  return [exp, log];
}

/** a · b in GF(256). */
export function multiply(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  const [e, l] = tables();
  return e[((l[a] as number) + (l[b] as number)) % 255] as number;
}

/** The generator polynomial of this degree, highest power first, without its leading 1. */
export function generator(degree: number): Uint8Array {
  const [e] = tables();
  // Coefficients of the running product, leading term first; starts as the polynomial 1.
  let poly = new Uint8Array([1]);
  for (let i = 0; i < degree; i++) {
    const next = new Uint8Array(poly.length + 1);
    const root = e[i] as number;
    for (let j = 0; j < poly.length; j++) {
      next[j] = (next[j] as number) ^ (poly[j] as number);
      next[j + 1] = (next[j + 1] as number) ^ multiply(poly[j] as number, root);
    }
    poly = next;
  }
  return poly.subarray(1);
}

/** The `divisor.length` error-correction codewords of `data`: the remainder of data · x^n ÷ generator. */
export function remainder(data: Uint8Array, divisor: Uint8Array): Uint8Array {
  const result = new Uint8Array(divisor.length);
  for (const byte of data) {
    const factor = byte ^ (result[0] as number);
    result.copyWithin(0, 1);
    result[result.length - 1] = 0;
    for (let i = 0; i < divisor.length; i++) result[i] = (result[i] as number) ^ multiply(divisor[i] as number, factor);
  }
  return result;
}
