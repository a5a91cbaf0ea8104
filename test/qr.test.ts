import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildOTPAuthURI, OTPError } from '../src/index.js';
import { formatInformation, penalty } from '../src/qr/matrix.js';
import { alignmentPositions, dataCodewords, dataModules, versionInformation } from '../src/qr/versions.js';
import { qrMatrix, qrSVG, qrTerminal, type QRErrorCorrection, type QRMatrix } from '../src/qr/index.js';
import { generator, remainder } from '../src/qr/reed-solomon.js';
import known from '../vectors/qr-known-answers.json';
import { expectOTPError, hex, toHex } from './helpers.js';
import { hasTool } from './tools.js';

const LEVELS: QRErrorCorrection[] = ['L', 'M', 'Q', 'H'];

describe('QR known answers (ISO/IEC 18004 tables)', () => {
  it('computes all 32 format information strings of the standard’s table', () => {
    for (const level of LEVELS) {
      const computed = [0, 1, 2, 3, 4, 5, 6, 7].map((mask) => formatInformation(level, mask).toString(2).padStart(15, '0'));
      expect(computed).toEqual(known.format_information[level]);
    }
  });

  it('computes the version information strings', () => {
    for (const [version, bits] of Object.entries(known.version_information)) {
      expect(versionInformation(Number(version)).toString(2).padStart(18, '0')).toBe(bits);
    }
  });

  for (const v of known.reed_solomon) {
    it(`computes the published Reed–Solomon codewords for ${v.why}`, () => {
      expect(toHex(remainder(hex(v.data_hex), generator(v.ecc_hex.length / 2)))).toBe(v.ecc_hex);
    });
  }

  it('places alignment patterns where Annex E puts them, and counts codewords as Table 1 does', () => {
    for (const [version, positions] of Object.entries(known.alignment_positions)) expect(alignmentPositions(Number(version))).toEqual(positions);
    for (const [version, total] of Object.entries(known.total_codewords)) expect(Math.floor(dataModules(Number(version)) / 8)).toBe(total);
  });

  it('holds exactly the byte capacities of Table 7, and one byte more throws ERR_QR_TOO_LONG at version 40', async () => {
    for (const [version, levels] of Object.entries(known.byte_capacity)) {
      for (const [level, bytes] of Object.entries(levels)) {
        const countBits = Number(version) <= 9 ? 8 : 16;
        expect(Math.floor((dataCodewords(Number(version), level as QRErrorCorrection) * 8 - 4 - countBits) / 8)).toBe(bytes);
      }
    }
    for (const [level, bytes] of Object.entries(known.byte_capacity['40'])) {
      expect(qrMatrix('a'.repeat(bytes), { ecc: level as QRErrorCorrection }).size).toBe(177);
      const error = await expectOTPError(() => qrMatrix('a'.repeat(bytes + 1), { ecc: level as QRErrorCorrection }), 'ERR_QR_TOO_LONG');
      expect(error).toBeInstanceOf(OTPError);
    }
  });

  it('scores a plain all-light matrix by the penalty rules: runs, 2×2 blocks and the dark share', () => {
    // 21 rows and columns of one run each (3 + 16), 400 2×2 blocks, and 0% dark (10 × 10).
    expect(penalty(new Uint8Array(21 * 21), 21)).toBe(42 * 19 + 400 * 3 + 100);
  });
});

// ---- Decoding by an independent reader: zbarimg (Debian's zbar-tools) -------------------------

const zbarAvailable = hasTool('zbarimg');
const work = mkdtempSync(join(tmpdir(), 'otpkit-qr-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A binary PGM of the matrix: 3 pixels a module, with the 4-module quiet zone. */
function pgm({ size, modules }: QRMatrix): Buffer {
  const scale = 3;
  const side = (size + 8) * scale;
  const pixels = Buffer.alloc(side * side, 255);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!modules[y * size + x]) continue;
      for (let dy = 0; dy < scale; dy++) pixels.fill(0, ((y + 4) * scale + dy) * side + (x + 4) * scale, ((y + 4) * scale + dy) * side + (x + 5) * scale);
    }
  }
  return Buffer.concat([Buffer.from(`P5 ${side} ${side} 255\n`), pixels]);
}

/**
 * Decodes each image with zbarimg; returns each file's text. `binary` (-Sbinary) gives the bytes
 * as they are; without it zbarimg picks the character set as a phone's reader would, from the
 * ECI header if there is one, else by guessing.
 */
function decodeAll(matrices: QRMatrix[], binary = true): string[] {
  const files = matrices.map((m, i) => {
    const file = join(work, `${i}.pgm`);
    writeFileSync(file, pgm(m));
    return file;
  });
  const out: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      // -Sbinary: the decoded bytes as they are, with no guessing of the character set.
      text = execFileSync('zbarimg', ['--raw', '-q', ...(binary ? ['-Sbinary'] : []), file], { stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8');
    } catch {
      text = '<no QR code found>';
    }
    out.push(text);
  }
  return out;
}

describe('QR codes read back by zbarimg', () => {
  it('has zbarimg installed wherever CI runs', () => {
    if (process.env.CI) expect(zbarAvailable).toBe(true);
  });

  it.runIf(zbarAvailable)('decode to exactly the input: random otpauth URIs at every level', { timeout: 120_000 }, () => {
    const texts = fc.sample(
      fc.record({
        secret: fc.uint8Array({ minLength: 10, maxLength: 64 }),
        issuer: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => !s.includes(':') && !s.startsWith(' ')),
        account: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => !s.includes(':') && !s.startsWith(' ')),
        digits: fc.constantFrom(6, 8),
      }),
      { numRuns: 240, seed: 4226 },
    ).map((o) => buildOTPAuthURI(o));
    const cases = texts.map((text, i) => ({ text, ecc: LEVELS[i % 4]! }));
    const decoded = decodeAll(cases.map(({ text, ecc }) => qrMatrix(text, { ecc })));
    cases.forEach(({ text }, i) => expect(decoded[i]).toBe(text));
  });

  it.runIf(zbarAvailable)('decode to exactly the input: random text from 1 character to the capacity limit, in byte, alphanumeric and numeric modes', { timeout: 120_000 }, () => {
    const sizes = [1, 2, 7, 14, 17, 50, 120, 230, 271, 400, 800, 1200, 1273, 1663, 2000, 2331, 2953];
    const cases: { text: string; ecc: QRErrorCorrection }[] = [];
    let seed = 6238;
    for (const length of sizes) {
      for (const ecc of LEVELS) {
        const capacity = known.byte_capacity['40'][ecc];
        if (length > capacity) continue;
        const unit = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 %&+/?#=-_.~!'.split(''));
        cases.push({ text: fc.sample(fc.string({ unit, minLength: length, maxLength: length }), { numRuns: 1, seed: seed++ })[0]!, ecc });
      }
    }
    cases.push({ text: 'é'.repeat(600) + '中文😀', ecc: 'M' }); // multi-byte UTF-8
    cases.push({ text: '0123456789'.repeat(300), ecc: 'M' }); // numeric mode
    cases.push({ text: 'HELLO WORLD $%*+-./:'.repeat(60), ecc: 'Q' }); // alphanumeric mode
    const decoded = decodeAll(cases.map(({ text, ecc }) => qrMatrix(text, { ecc })));
    cases.forEach(({ text }, i) => expect(decoded[i]).toBe(text));
  });

  it.runIf(zbarAvailable)('carry an ECI 26 (UTF-8) header for non-ASCII text, so a reader that guesses the character set reads Grüße, not mojibake', () => {
    const texts = [
      'Grüße',
      buildOTPAuthURI({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Müller & Söhne', account: 'jürgen@example.de' }),
      buildOTPAuthURI({ secret: 'JBSWY3DPEHPK3PXP', issuer: '株式会社', account: 'たなか' }),
      'Ελληνικά 😀',
    ];
    const decoded = decodeAll(texts.map((text) => qrMatrix(text)), false);
    texts.forEach((text, i) => expect(decoded[i]?.replace(/\n$/, '')).toBe(text));
  });

  it.runIf(zbarAvailable)('decode at the version boundaries 1, 9/10, 26/27 and 40 of every level', { timeout: 120_000 }, () => {
    const cases: { text: string; ecc: QRErrorCorrection; version: number }[] = [];
    for (const ecc of LEVELS) {
      for (const version of [1, 9, 10, 26, 27, 40]) {
        // The largest byte-mode text that fits this version: the next byte needs the next version.
        const countBits = version <= 9 ? 8 : 16;
        const bytes = Math.floor((dataCodewords(version, ecc) * 8 - 4 - countBits) / 8);
        const text = Array.from({ length: bytes }, (_, i) => 'abcdefghijklmnopqrstuvwxyz'[(i * 7 + version) % 26]).join('');
        cases.push({ text, ecc, version });
      }
    }
    const matrices = cases.map(({ text, ecc }) => qrMatrix(text, { ecc }));
    cases.forEach(({ version }, i) => expect(matrices[i]!.size).toBe(version * 4 + 17));
    for (const { text, ecc, version } of cases.filter((c) => c.version < 40)) expect(qrMatrix(`${text}a`, { ecc }).size).toBe(version * 4 + 21);
    const decoded = decodeAll(matrices);
    cases.forEach(({ text }, i) => expect(decoded[i]).toBe(text));
  });
});

describe('qrSVG and qrTerminal', () => {
  const uri = buildOTPAuthURI({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'ACME Co', account: 'jane@example.com' });

  it('draws exactly the matrix’s dark modules in one path, with a 4-module quiet zone by default', () => {
    const { size, modules } = qrMatrix(uri);
    const svg = qrSVG(uri);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1" shape-rendering="crispEdges"><rect width="\1" height="\1" fill="#fff"\/><path fill="#000" d="[^"]+"\/><\/svg>$/);
    expect(svg.match(/<path/g)).toHaveLength(1);
    expect(svg).toContain(`viewBox="0 0 ${size + 8} ${size + 8}"`);
    const drawn = new Uint8Array(size * size);
    for (const [, x, y, run] of svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
      for (let i = 0; i < Number(run); i++) drawn[(Number(y) - 4) * size + Number(x) - 4 + i] = 1;
    }
    expect(Array.from(drawn)).toEqual(Array.from(modules));
  });

  it('sets width and height from size, and an accessible name from title, escaped', async () => {
    expect(qrSVG(uri)).not.toMatch(/<svg [^>]*width=|<title>|role=/);
    expect(qrSVG(uri, { size: 200 })).toMatch(/^<svg [^>]* width="200" height="200"/);
    expect(qrSVG(uri, { size: '12em' })).toMatch(/^<svg [^>]* width="12em" height="12em"/);
    const titled = qrSVG(uri, { title: 'QR code for <ACME & "Co">' });
    expect(titled).toMatch(/^<svg [^>]* role="img"[^>]*><title>QR code for &#60;ACME &#38; &#34;Co&#34;&#62;<\/title>/);
    await expectOTPError(() => qrSVG(uri, { size: '100px" onload="x' }), 'ERR_OPTION_RANGE');
    await expectOTPError(() => qrSVG(uri, { size: 0 }), 'ERR_OPTION_RANGE');
    await expectOTPError(() => qrSVG(uri, { size: {} as never }), 'ERR_OPTION_TYPE');
    await expectOTPError(() => qrSVG(uri, { title: 5 as never }), 'ERR_OPTION_TYPE');
  });

  it('takes margin and colours, and refuses colours that could break out of the markup', async () => {
    const svg = qrSVG('x', { margin: 0, dark: 'rgb(10, 20, 30)', light: 'transparent', ecc: 'H' });
    expect(svg).toContain('viewBox="0 0 21 21"');
    expect(svg).toContain('fill="rgb(10, 20, 30)"');
    expect(svg).toContain('fill="transparent"');
    await expectOTPError(() => qrSVG('x', { dark: '"/><script>alert(1)</script>' }), 'ERR_OPTION_RANGE');
    await expectOTPError(() => qrSVG('x', { light: 0 as never }), 'ERR_OPTION_TYPE');
    await expectOTPError(() => qrSVG('x', { margin: 65 }), 'ERR_OPTION_RANGE');
  });

  it('draws the terminal version with half blocks: (size + 8) columns, ⌈(size + 8) / 2⌉ lines, black on white', () => {
    const { size, modules } = qrMatrix(uri);
    const lines = qrTerminal(uri).split('\n');
    expect(lines).toHaveLength(Math.ceil((size + 8) / 2));
    const plain = lines.map((line) => {
      expect(line.startsWith('\u001b[30;107m') && line.endsWith('\u001b[0m')).toBe(true);
      return line.slice('\u001b[30;107m'.length, -'\u001b[0m'.length);
    });
    for (const line of plain) expect([...line]).toHaveLength(size + 8);
    // Reading the half blocks back gives the matrix, inside a light quiet zone.
    const dark = (x: number, y: number) => {
      const c = [...plain[Math.floor(y / 2)]!][x];
      return y % 2 === 0 ? c === '█' || c === '▀' : c === '█' || c === '▄';
    };
    for (let y = 0; y < size + 8; y++) {
      for (let x = 0; x < size + 8; x++) {
        const inside = x >= 4 && y >= 4 && x < size + 4 && y < size + 4;
        expect(dark(x, y)).toBe(inside && modules[(y - 4) * size + x - 4] === 1);
      }
    }
  });

  it('refuses a non-string text, an unknown level and text over capacity', async () => {
    await expectOTPError(() => qrMatrix(42 as never), 'ERR_OPTION_TYPE');
    await expectOTPError(() => qrMatrix('x', { ecc: 'X' as never }), 'ERR_OPTION_RANGE');
    await expectOTPError(() => qrSVG('x'.repeat(3000)), 'ERR_QR_TOO_LONG');
    await expectOTPError(() => qrTerminal('x'.repeat(1300), { ecc: 'H' }), 'ERR_QR_TOO_LONG');
  });

  it('picks the smallest version: 1 for a short text, 2 for 15 bytes at M', () => {
    expect(qrMatrix('a'.repeat(14)).size).toBe(21);
    expect(qrMatrix('a'.repeat(15)).size).toBe(25);
    expect(qrMatrix('1'.repeat(34)).size).toBe(21); // numeric mode holds 34 digits at 1-M
  });
});
