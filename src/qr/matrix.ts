/**
 * A QR code encoder following ISO/IEC 18004: one segment in numeric, alphanumeric or byte mode
 * (UTF-8), whichever is smallest for the whole text; versions 1 to 40; error-correction levels
 * L, M, Q, H; Reed–Solomon codewords in interleaved blocks; all eight masks, the one with the
 * lowest penalty (§7.8.3) kept; format and version information with their BCH codes.
 */
import { OTPError } from '../errors.js';
import { oneOf, optionsObject, typeError } from '../internal/guards.js';
import { generator, remainder } from './reed-solomon.js';

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

/**
 * ISO/IEC 18004 Table 9, per level and version 1–40: error-correction codewords per block, and
 * number of blocks. (Index 0 is unused.)
 */
const ECC_PER_BLOCK: Record<QRErrorCorrection, readonly number[]> = {
  L: [0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
  M: [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
  Q: [0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
  H: [0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
};
const BLOCKS: Record<QRErrorCorrection, readonly number[]> = {
  L: [0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
  M: [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
  Q: [0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
  H: [0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
};

/** §7.4.1 Table 2 mode indicators, and §7.4.2 Table 3 character-count widths for versions 1–9, 10–26, 27–40. */
const MODES = {
  numeric: { indicator: 0b0001, countBits: [10, 12, 14] },
  alphanumeric: { indicator: 0b0010, countBits: [9, 11, 13] },
  byte: { indicator: 0b0100, countBits: [8, 16, 16] },
} as const;
type Mode = keyof typeof MODES;

/** §7.4.5 Table 5: the 45 characters of alphanumeric mode, in value order. */
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** Modules of a version-v symbol left for data and error correction, in bits (§7.1, Table 1). */
export function dataModules(version: number): number {
  const size = version * 4 + 17;
  let modules = size * size - 3 * 64 - 2 * (size - 16) - 31; // finders with separators, timing, format and dark module
  if (version >= 2) {
    const count = Math.floor(version / 7) + 2;
    modules -= 25 * (count * count - 3); // alignment patterns, less the three under finders
    modules += 10 * (count - 2); // those on the timing lines share 5 modules with them
  }
  if (version >= 7) modules -= 36; // two blocks of version information
  return modules;
}

/** Data codewords of a version at a level: all codewords less the error-correction ones. */
export function dataCodewords(version: number, ecc: QRErrorCorrection): number {
  return Math.floor(dataModules(version) / 8) - (ECC_PER_BLOCK[ecc][version] as number) * (BLOCKS[ecc][version] as number);
}

/** Centre coordinates of the alignment patterns of a version (ISO/IEC 18004 Annex E): from 6 to size − 7, evenly spaced by an even step. */
export function alignmentPositions(version: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const last = version * 4 + 10;
  // Annex E spaces the inner patterns evenly from the last one down, with an even step; version 32
  // is the one exception, where the table's step is 26 rather than the 28 the rule would give.
  const step = version === 32 ? 26 : Math.ceil((last - 6) / (count - 1) / 2) * 2;
  const positions = [6];
  for (let i = count - 2; i >= 0; i--) positions.push(last - i * step);
  return positions;
}

/** A growing big-endian bit string. */
class Bits {
  readonly bits: number[] = [];
  push(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) this.bits.push((value >>> i) & 1);
  }
}

interface Segment {
  mode: Mode;
  count: number;
  /** Byte-mode text that is not ASCII: preceded by an ECI 26 (UTF-8) header (§7.4.2). */
  utf8?: boolean;
  write: (bits: Bits) => void;
}

/** §7.4.2: the ECI mode indicator, and assignment number 26 (UTF-8) in its one-byte form 0bbbbbbb. */
const ECI_INDICATOR = 0b0111;
const ECI_UTF8 = 26;
const ECI_BITS = 4 + 8;

/** The most characters any symbol holds: 7,089 digits in numeric mode at version 40-L (Table 7). */
export const MAX_QR_CHARACTERS = 7089;

/** The whole text as one segment in the most compact mode that can hold all of it. */
function segment(text: string): Segment {
  if (/^[0-9]*$/.test(text)) {
    return {
      mode: 'numeric',
      count: text.length,
      // §7.4.3: groups of three digits in 10 bits; a final two in 7, a final one in 4.
      write: (bits) => {
        for (let i = 0; i < text.length; i += 3) {
          const group = text.slice(i, i + 3);
          bits.push(Number(group), group.length * 3 + 1);
        }
      },
    };
  }
  if ([...text].every((c) => ALPHANUMERIC.includes(c))) {
    return {
      mode: 'alphanumeric',
      count: text.length,
      // §7.4.4: pairs as 45 · first + second in 11 bits; a final single character in 6.
      write: (bits) => {
        for (let i = 0; i < text.length; i += 2) {
          const first = ALPHANUMERIC.indexOf(text[i] as string);
          if (i + 1 < text.length) bits.push(first * 45 + ALPHANUMERIC.indexOf(text[i + 1] as string), 11);
          else bits.push(first, 6);
        }
      },
    };
  }
  const bytes = new TextEncoder().encode(text);
  // Without the ECI, readers guess the byte mode's character set (often Shift-JIS, or ISO 8859-1
  // as the 2005 standard says), and `Grüße` would come out as mojibake.
  const utf8 = bytes.length !== text.length;
  return { mode: 'byte', count: bytes.length, utf8, write: (bits) => bytes.forEach((byte) => bits.push(byte, 8)) };
}

function countBits(mode: Mode, version: number): number {
  return MODES[mode].countBits[version <= 9 ? 0 : version <= 26 ? 1 : 2] as number;
}

function segmentBits(s: Segment, version: number): number {
  const per = s.mode === 'numeric' ? (s.count * 10) / 3 : s.mode === 'alphanumeric' ? (s.count * 11) / 2 : s.count * 8;
  return (s.utf8 ? ECI_BITS : 0) + 4 + countBits(s.mode, version) + Math.ceil(per);
}

/** The data codewords, with terminator and padding (§7.4.8–7.4.10), for a version that fits. */
function encodeData(s: Segment, version: number, capacity: number): Uint8Array {
  const bits = new Bits();
  if (s.utf8) {
    bits.push(ECI_INDICATOR, 4);
    bits.push(ECI_UTF8, 8);
  }
  bits.push(MODES[s.mode].indicator, 4);
  bits.push(s.count, countBits(s.mode, version));
  s.write(bits);
  const capacityBits = capacity * 8;
  bits.push(0, Math.min(4, capacityBits - bits.bits.length)); // terminator
  bits.push(0, (8 - (bits.bits.length % 8)) % 8);
  const codewords = new Uint8Array(capacity);
  for (let i = 0; i < bits.bits.length; i++) codewords[i >>> 3] = (codewords[i >>> 3] as number) | ((bits.bits[i] as number) << (7 - (i & 7)));
  for (let i = bits.bits.length / 8, pad = 0xec; i < capacity; i++, pad ^= 0xec ^ 0x11) codewords[i] = pad;
  return codewords;
}

/** Splits the data into blocks, appends each block's Reed–Solomon codewords, and interleaves (§7.6). */
function interleave(data: Uint8Array, version: number, ecc: QRErrorCorrection): Uint8Array {
  const blockCount = BLOCKS[ecc][version] as number;
  const eccLength = ECC_PER_BLOCK[ecc][version] as number;
  const total = Math.floor(dataModules(version) / 8);
  const shortBlocks = blockCount - (total % blockCount);
  const shortData = Math.floor(total / blockCount) - eccLength;
  const divisor = generator(eccLength);
  const dataBlocks: Uint8Array[] = [];
  const eccBlocks: Uint8Array[] = [];
  for (let b = 0, offset = 0; b < blockCount; b++) {
    const length = shortData + (b < shortBlocks ? 0 : 1);
    const block = data.subarray(offset, offset + length);
    offset += length;
    dataBlocks.push(block);
    eccBlocks.push(remainder(block, divisor));
  }
  const out: number[] = [];
  for (let i = 0; i <= shortData; i++) for (const block of dataBlocks) if (i < block.length) out.push(block[i] as number);
  for (let i = 0; i < eccLength; i++) for (const block of eccBlocks) out.push(block[i] as number);
  return Uint8Array.from(out);
}

/** BCH(15, 5) format information with the §7.9.1 mask 101010000010010. */
export function formatInformation(ecc: QRErrorCorrection, mask: number): number {
  const data = (FORMAT_BITS[ecc] << 3) | mask;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  return ((data << 10) | rem) ^ 0x5412;
}

/** BCH(18, 6) version information (§7.10), for versions 7 and up. */
export function versionInformation(version: number): number {
  let rem = version;
  for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
  return (version << 12) | rem;
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
