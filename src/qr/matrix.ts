/**
 * A QR code encoder following ISO/IEC 18004: one segment in numeric, alphanumeric or byte mode
 * (UTF-8), whichever is smallest for the whole text; versions 1 to 40; error-correction levels
 * L, M, Q, H; Reed–Solomon codewords in interleaved blocks; all eight masks, the one with the
 * lowest penalty (§7.8.3) kept; format and version information with their BCH codes.
 */
import { OTPError } from '../errors.js';
import { oneOf, optionsObject, typeError } from '../internal/guards.js';
import { countBits, encodeData, MAX_QR_CHARACTERS, segment, segmentBits } from './segment.js';
import { alignmentPositions, dataCodewords, interleave, versionInformation } from './versions.js';

/** Error-correction level: recovers about 7% (L), 15% (M), 25% (Q) or 30% (H) of the codewords. */
export type QRErrorCorrection = 'L' | 'M' | 'Q' | 'H';

/** Options of {@link qrMatrix}. */
export interface QRMatrixOptions {
  /** Error-correction level. Default `'M'`. */
  ecc?: QRErrorCorrection;
}

/** A QR code: `modules[y * size + x]` is 1 for a dark module, 0 for a light one. */
export interface QRMatrix {
  size: number;
  modules: Uint8Array;
}

const LEVELS = ['L', 'M', 'Q', 'H'] as const;
/** §7.9.1 Table 12: the two format bits of each level (L 01, M 00, Q 11, H 10). */
const FORMAT_BITS = { L: 1, M: 0, Q: 3, H: 2 } as const;

/** BCH(15, 5) format information with the §7.9.1 mask 101010000010010. */
export function formatInformation(ecc: QRErrorCorrection, mask: number): number {
  const data = (FORMAT_BITS[ecc] << 3) | mask;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  return ((data << 10) | rem) ^ 0x5412;
}

/** §7.8.2 Table 10: the eight data mask conditions (x is the column, y the row). */
const MASKS: readonly ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0,
  (_, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

class Grid {
  readonly modules: Uint8Array;
  /** 1 where a function pattern (or format/version area) is: data and masks skip it. */
  readonly reserved: Uint8Array;
  constructor(readonly size: number) {
    this.modules = new Uint8Array(size * size);
    this.reserved = new Uint8Array(size * size);
  }
  set(x: number, y: number, dark: boolean | number): void {
    this.modules[y * this.size + x] = dark ? 1 : 0;
    this.reserved[y * this.size + x] = 1;
  }
}

function drawFunctionPatterns(grid: Grid, version: number): void {
  const { size } = grid;
  // §6.3.6: timing patterns on row 6 and column 6.
  for (let i = 0; i < size; i++) {
    grid.set(6, i, i % 2 === 0);
    grid.set(i, 6, i % 2 === 0);
  }
  // §6.3.3: finder patterns with their light separators, in three corners.
  for (const [cx, cy] of [[3, 3], [size - 4, 3], [3, size - 4]] as const) {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const x = cx + dx;
        const y = cy + dy;
        const distance = Math.max(Math.abs(dx), Math.abs(dy));
        if (x >= 0 && x < size && y >= 0 && y < size) grid.set(x, y, distance !== 2 && distance !== 4);
      }
    }
  }
  // §6.3.5: alignment patterns, except where they would overlap a finder.
  const positions = alignmentPositions(version);
  const last = positions.length - 1;
  positions.forEach((cy, j) =>
    positions.forEach((cx, i) => {
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) return;
      for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) grid.set(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
    }),
  );
  drawFormat(grid, 0, 'L'); // reserves the area; drawn for real once the mask is chosen
  if (version >= 7) {
    const bits = versionInformation(version);
    for (let i = 0; i < 18; i++) {
      const dark = (bits >>> i) & 1;
      const a = size - 11 + (i % 3);
      const b = Math.floor(i / 3);
      grid.set(a, b, dark);
      grid.set(b, a, dark);
    }
  }
}

/** §7.9.2: the 15 format bits around the top-left finder, and split between the other two, plus the dark module. */
function drawFormat(grid: Grid, mask: number, ecc: QRErrorCorrection): void {
  const { size } = grid;
  const bits = formatInformation(ecc, mask);
  const bit = (i: number) => (bits >>> i) & 1;
  for (let i = 0; i <= 5; i++) grid.set(8, i, bit(i));
  grid.set(8, 7, bit(6));
  grid.set(8, 8, bit(7));
  grid.set(7, 8, bit(8));
  for (let i = 9; i < 15; i++) grid.set(14 - i, 8, bit(i));
  for (let i = 0; i < 8; i++) grid.set(size - 1 - i, 8, bit(i));
  for (let i = 8; i < 15; i++) grid.set(8, size - 15 + i, bit(i));
  grid.set(8, size - 8, 1);
}

/** §7.7.3: codeword bits in two-module columns, zigzagging up and down from the bottom right, skipping column 6. */
function placeData(grid: Grid, codewords: Uint8Array): void {
  const { size, modules, reserved } = grid;
  let i = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upward = ((right + 1) & 2) === 0;
    for (let step = 0; step < size; step++) {
      const y = upward ? size - 1 - step : step;
      for (let x = right; x >= right - 1; x--) {
        if (reserved[y * size + x]) continue;
        // Remainder bits past the last codeword stay light (§7.7.3).
        if (i < codewords.length * 8) modules[y * size + x] = ((codewords[i >>> 3] as number) >>> (7 - (i & 7))) & 1;
        i++;
      }
    }
  }
}

function applyMask(grid: Grid, mask: number): void {
  const { size, modules, reserved } = grid;
  const condition = MASKS[mask] as (x: number, y: number) => boolean;
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (!reserved[y * size + x] && condition(x, y)) modules[y * size + x]! ^= 1;
}

/** §7.8.3 Table 11: the penalty score a mask is judged by (N1 = 3, N2 = 3, N3 = 40, N4 = 10). */
export function penalty(modules: Uint8Array, size: number): number {
  let score = 0;
  const at = (x: number, y: number) => modules[y * size + x] as number;
  // A 1:1:3:1:1 finder-like run with 4 light modules on one side; outside the symbol counts as light.
  const finderLike = [1, 0, 1, 1, 1, 0, 1];
  for (let pass = 0; pass < 2; pass++) {
    const get = pass === 0 ? at : (x: number, y: number) => at(y, x);
    for (let y = 0; y < size; y++) {
      let run = 1;
      for (let x = 1; x <= size; x++) {
        if (x < size && get(x, y) === get(x - 1, y)) run++;
        else {
          if (run >= 5) score += 3 + (run - 5);
          run = 1;
        }
      }
      for (let x = -4; x + 7 <= size + 4; x++) {
        const light = (from: number) => {
          for (let k = from; k < from + 4; k++) if (k >= 0 && k < size && get(k, y)) return false;
          return true;
        };
        let match = true;
        for (let k = 0; k < 7 && match; k++) {
          const px = x + k;
          const value = px >= 0 && px < size ? get(px, y) : 0;
          match = value === finderLike[k];
        }
        if (match && (light(x - 4) || light(x + 7))) score += 40;
      }
    }
  }
  for (let y = 0; y + 1 < size; y++) {
    for (let x = 0; x + 1 < size; x++) {
      const c = at(x, y);
      if (c === at(x + 1, y) && c === at(x, y + 1) && c === at(x + 1, y + 1)) score += 3;
    }
  }
  let dark = 0;
  for (const m of modules) dark += m;
  // 10 points for every full 5% the dark share is away from 50%.
  score += Math.floor(Math.abs((dark * 20) / (size * size) - 10)) * 10;
  return score;
}

/**
 * Encodes text as a QR code matrix: the UTF-8 bytes (or digits, or upper-case alphanumerics,
 * when that is smaller), in the smallest version from 1 to 40 that holds it at the chosen
 * error-correction level, with the mask of lowest penalty. Throws `ERR_QR_TOO_LONG` when even
 * version 40 cannot hold it.
 *
 * @example
 * ```ts
 * const { size, modules } = qrMatrix(buildOTPAuthURI({ secret, issuer: 'ACME', account: 'jane' }));
 * const dark = modules[y * size + x] === 1;
 * ```
 */
export function qrMatrix(text: string, options?: QRMatrixOptions): QRMatrix {
  if (typeof text !== 'string') throw typeError('text', 'a string', text);
  const o = optionsObject(options, false, 'qrMatrix');
  const ecc = oneOf('ecc', o.ecc, LEVELS, 'M');
  // Refused before the text is scanned: no symbol holds more, whatever the mode.
  if (text.length > MAX_QR_CHARACTERS) {
    throw new OTPError('ERR_QR_TOO_LONG', `text: too long for any QR code (${text.length} characters; at most ${MAX_QR_CHARACTERS})`);
  }
  // UTF-8 has no encoding for a lone surrogate: TextEncoder would put U+FFFD in its place, and the
  // code would silently say something else.
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) {
    throw new OTPError('ERR_OPTION_RANGE', 'text: expected well-formed Unicode, got a lone surrogate');
  }
  const s = segment(text);
  let version = 1;
  while (version <= 40 && segmentBits(s, version) > dataCodewords(version, ecc) * 8) version++;
  if (version > 40 || s.count >= 2 ** countBits(s.mode, version)) {
    throw new OTPError('ERR_QR_TOO_LONG', `text: too long for a version-40 QR code at level ${ecc} (${s.count} ${s.mode === 'byte' ? 'bytes' : 'characters'})`);
  }
  const codewords = interleave(encodeData(s, version, dataCodewords(version, ecc)), version, ecc);
  const grid = new Grid(version * 4 + 17);
  drawFunctionPatterns(grid, version);
  placeData(grid, codewords);
  let best = -1;
  let bestScore = Infinity;
  for (let mask = 0; mask < 8; mask++) {
    applyMask(grid, mask);
    drawFormat(grid, mask, ecc);
    const score = penalty(grid.modules, grid.size);
    if (score < bestScore) {
      best = mask;
      bestScore = score;
    }
    applyMask(grid, mask); // XOR again: undone
  }
  applyMask(grid, best);
  drawFormat(grid, best, ecc);
  return { size: grid.size, modules: grid.modules };
}
