/**
 * The data of a QR code (ISO/IEC 18004 §7.4): the whole text as one segment in the most compact
 * mode that holds it (numeric, alphanumeric, or UTF-8 bytes behind an ECI 26 header), and the
 * data codewords with terminator and padding.
 */

/** §7.4.1 Table 2 mode indicators, and §7.4.2 Table 3 character-count widths for versions 1–9, 10–26, 27–40. */
const MODES = {
  numeric: { indicator: 0b0001, countBits: [10, 12, 14] },
  alphanumeric: { indicator: 0b0010, countBits: [9, 11, 13] },
  byte: { indicator: 0b0100, countBits: [8, 16, 16] },
} as const;
type Mode = keyof typeof MODES;

/** §7.4.5 Table 5: the 45 characters of alphanumeric mode, in value order. */
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** A growing big-endian bit string. */
class Bits {
  readonly bits: number[] = [];
  push(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) this.bits.push((value >>> i) & 1);
  }
}

export interface Segment {
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
export function segment(text: string): Segment {
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

export function countBits(mode: Mode, version: number): number {
  return MODES[mode].countBits[version <= 9 ? 0 : version <= 26 ? 1 : 2] as number;
}

export function segmentBits(s: Segment, version: number): number {
  const per = s.mode === 'numeric' ? (s.count * 10) / 3 : s.mode === 'alphanumeric' ? (s.count * 11) / 2 : s.count * 8;
  return (s.utf8 ? ECI_BITS : 0) + 4 + countBits(s.mode, version) + Math.ceil(per);
}

/** The data codewords, with terminator and padding (§7.4.8–7.4.10), for a version that fits. */
export function encodeData(s: Segment, version: number, capacity: number): Uint8Array {
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
