/**
 * The 40 versions (sizes) of a QR code, ISO/IEC 18004: how many codewords each holds at each
 * error-correction level (Table 9), where its alignment patterns sit (Annex E), and its version
 * information (§7.10), and how its data is split into error-corrected blocks (§7.6).
 */
import type { QRErrorCorrection } from './matrix.js';
import { generator, remainder } from './reed-solomon.js';

/**
 * ISO/IEC 18004 Table 9, per level and version 1–40: error-correction codewords per block, and
 * number of blocks. (Index 0 is unused.)
 */
export const ECC_PER_BLOCK: Record<QRErrorCorrection, readonly number[]> = {
  L: [0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
  M: [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
  Q: [0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
  H: [0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
};
export const BLOCKS: Record<QRErrorCorrection, readonly number[]> = {
  L: [0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
  M: [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
  Q: [0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
  H: [0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
};

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

/** BCH(18, 6) version information (§7.10), for versions 7 and up. */
export function versionInformation(version: number): number {
  let rem = version;
  for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
  return (version << 12) | rem;
}

/** Splits the data into blocks, appends each block's Reed–Solomon codewords, and interleaves (§7.6). */
export function interleave(data: Uint8Array, version: number, ecc: QRErrorCorrection): Uint8Array {
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
