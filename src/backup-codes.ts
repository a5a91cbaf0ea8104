/**
 * Backup (recovery) codes: single-use look-up secrets for when the authenticator is lost
 * (NIST SP 800-63B §5.1.2, SP 800-63B-4 §3.1.2 and §4.2.1.1). Codes are drawn uniformly from a
 * 32-symbol alphabet; only salted PBKDF2-HMAC-SHA-256 hashes of them are stored.
 */
import { OTPError } from './errors.js';
import { kdf, random } from './crypto/backend.js';
import { decodeBase64, encodeBase64 } from './internal/base64.js';
import { equalBytes, lastMatch } from './internal/bytes.js';
import { integer, optionsObject, typeError } from './internal/guards.js';

/**
 * Crockford's base32 alphabet: the digits and upper-case letters without I, L, O and U, so that
 * no two symbols are easily confused (RFC 4226 App. E.2 names 0/O/Q and l/1/I). What a person
 * may type instead is folded in on input: O → 0, I and L → 1, and any case.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 13 symbols carry 65 bits, the least that meets SP 800-63B-4's 64 bits per code. */
const MIN_LENGTH = 13;
const MAX_LENGTH = 64;
const MAX_COUNT = 100;

/**
 * PBKDF2 iterations for new hashes. The codes are random (80 bits by default), so the work factor
 * is not what stops an offline search (2^80 guesses is); SP 800-63B-4 lets it be small for such
 * secrets. 20,000 keeps verifying a code against 10 stored hashes near 40 ms on one core of the
 * 2-core machine this was measured on, while a stolen hash still costs 20,000 HMACs per guess.
 */
const ITERATIONS = 20_000;
const SALT_BYTES = 16;
const DIGEST_BYTES = 32;

/** Iteration counts accepted in stored hashes: enough room to raise ours, bounded against a planted hash. */
const MIN_STORED_ITERATIONS = 1_000;
const MAX_STORED_ITERATIONS = 1_000_000;

/**
 * The most PBKDF2 iterations one verification may spend, summed over the stored hashes: the
 * largest set generateBackupCodes makes (100 codes × 20,000), about 0.4 s on one core of the
 * development machine. Without a total, 100 planted hashes at 1,000,000 iterations each would
 * hold a server's crypto thread pool for about 20 s per request.
 */
export const MAX_TOTAL_ITERATIONS = 2_000_000; // MAX_COUNT × ITERATIONS

const SCHEME = 'pbkdf2-sha256';
/** PHC string format: $pbkdf2-sha256$i=<iterations>$<salt>$<digest>, salt and digest unpadded base64. */
const HASH_FORMAT = /^\$pbkdf2-sha256\$i=([1-9][0-9]{0,6})\$([A-Za-z0-9+/]{6,86})\$([A-Za-z0-9+/]{43})$/;

/** Options of {@link generateBackupCodes}. */
export interface GenerateBackupCodesOptions {
  /** How many codes, 1 to 100. Default 10. */
  count?: number;
  /** Symbols per code, 13 (65 bits) to 64. Default 16 (80 bits). */
  length?: number;
  /** Symbols between hyphens; 0 for none. Default 4 (`XXXX-XXXX-XXXX-XXXX`). */
  groupSize?: number;
}

/** New backup codes: show `codes` to the user once; store `hashes`. */
export interface BackupCodes {
  codes: string[];
  hashes: string[];
}

/** Options of {@link verifyBackupCode}. */
export interface VerifyBackupCodeOptions {
  /** What the user typed. Case, spaces and hyphens are ignored; O reads as 0, I and L as 1. */
  code: string;
  /** The stored hashes of the user's unused codes (at most 100). */
  hashes: readonly string[];
}

/**
 * What {@link verifyBackupCode} resolves to. It fails closed: read `.valid`. On success,
 * replace the stored hashes with `remaining`, atomically (compare-and-swap).
 */
export type VerifyBackupCodeResult =
  | {
      valid: true;
      /** The position in `hashes` of the code that matched. */
      index: number;
      /** `hashes` without the one just used. */
      remaining: string[];
    }
  | { valid: false };

async function hashCode(normalized: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  // The alphabet is ASCII, so each character is its own byte.
  return kdf.pbkdf2Sha256(Uint8Array.from(normalized, (c) => c.charCodeAt(0)), salt, iterations, DIGEST_BYTES);
}

/**
 * The canonical form of a typed code (upper case, no separators, O → 0, I/L → 1), or
 * `undefined` when it cannot be a code. Generation and verification hash the same form.
 */
function normalize(code: unknown): string | undefined {
  if (typeof code !== 'string' || code.length > 4 * MAX_LENGTH) return undefined;
  const canonical = code
    .replace(/[\s-]/g, '')
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (canonical.length < MIN_LENGTH || canonical.length > MAX_LENGTH) return undefined;
  for (const symbol of canonical) if (!ALPHABET.includes(symbol)) return undefined;
  return canonical;
}

/**
 * Generates backup codes and their hashes. Every symbol takes 5 bits of a fresh CSPRNG byte
 * (256 is a multiple of 32, so there is no modulo bias); codes in one set are distinct.
 *
 * @example
 * ```ts
 * const { codes, hashes } = await generateBackupCodes();
 * // codes: ['7G2K-XM4P-QH9T-3VBN', …]: show once, for the user to download or print
 * await db.saveBackupCodeHashes(user.id, hashes); // replacing any earlier set
 * ```
 */
export async function generateBackupCodes(options?: GenerateBackupCodesOptions): Promise<BackupCodes> {
  const o = optionsObject(options, false, 'generateBackupCodes');
  const count = integer('count', o.count, 1, MAX_COUNT, 10);
  const length = integer('length', o.length, MIN_LENGTH, MAX_LENGTH, 16);
  const groupSize = integer('groupSize', o.groupSize, 0, MAX_LENGTH, 4);
  const raw = new Set<string>();
  // Two equal 65-bit codes from a working CSPRNG are beyond unlikely; a broken one (a polyfill
  // returning zeros) must fail loudly rather than loop forever.
  for (let draws = 0; raw.size < count; draws++) {
    if (draws === count + 10) throw new OTPError('ERR_RANDOM_FAILED', 'random source: returned repeated values; is crypto.getRandomValues working?');
    const bytes = random.randomBytes(length);
    let code = '';
    for (const byte of bytes) code += ALPHABET[byte & 0x1f];
    bytes.fill(0);
    raw.add(code);
  }
  const canonical = [...raw];
  const grouping = groupSize > 0 ? new RegExp(`(.{${groupSize}})(?=.)`, 'g') : undefined;
  const codes = canonical.map((code) => (grouping ? code.replace(grouping, '$1-') : code));
  const hashes = await Promise.all(
    canonical.map(async (code) => {
      const salt = random.randomBytes(SALT_BYTES);
      const digest = await hashCode(code, salt, ITERATIONS);
      return `$${SCHEME}$i=${ITERATIONS}$${encodeBase64(salt)}$${encodeBase64(digest)}`;
    }),
  );
  return { codes, hashes };
}

interface StoredHash {
  iterations: number;
  salt: Uint8Array;
  digest: Uint8Array;
}

function parseHash(hash: unknown, index: number): StoredHash {
  const invalid = (why: string) => new OTPError('ERR_BACKUP_HASH_INVALID', `hashes[${index}]: ${why}`);
  if (typeof hash !== 'string') throw invalid('expected a string');
  const match = HASH_FORMAT.exec(hash);
  if (!match) throw invalid(`expected a $${SCHEME}$i=…$salt$digest string made by generateBackupCodes`);
  const iterations = Number(match[1]);
  const salt = decodeBase64(match[2] as string);
  const digest = decodeBase64(match[3] as string);
  if (iterations < MIN_STORED_ITERATIONS || iterations > MAX_STORED_ITERATIONS) {
    throw invalid(`expected ${MIN_STORED_ITERATIONS} to ${MAX_STORED_ITERATIONS} iterations, got ${iterations}`);
  }
  // At least 32 bits of salt (SP 800-63B §5.1.1.2); base64 must be canonical, digest 32 bytes.
  if (!salt || salt.length < 4 || !digest || digest.length !== DIGEST_BYTES) throw invalid('malformed salt or digest');
  return { iterations, salt, digest };
}

/**
 * Checks a typed backup code against the stored hashes. Resolves to
 * `{ valid: true, index, remaining }` or `{ valid: false }`. A code that cannot be one (wrong
 * length or symbols, not a string) is `valid: false` without hashing; otherwise every stored
 * hash is computed and compared in constant time, whatever matches first. A malformed stored
 * hash, or a set whose iterations add up to more than {@link MAX_TOTAL_ITERATIONS}, throws
 * `ERR_BACKUP_HASH_INVALID` before any hashing: it never counts as a match.
 *
 * @example
 * ```ts
 * const result = await verifyBackupCode({ code: '7g2k xm4p qh9t 3vbn', hashes: user.backupHashes });
 * if (result.valid) await db.replaceBackupHashes(user.id, user.backupHashes, result.remaining); // compare-and-swap
 * ```
 */
export async function verifyBackupCode(options: VerifyBackupCodeOptions): Promise<VerifyBackupCodeResult> {
  const o = optionsObject(options, true, 'verifyBackupCode');
  if (!Array.isArray(o.hashes)) throw typeError('hashes', 'an array of hash strings', o.hashes);
  // Read once, index by index: a hole in a sparse array is an invalid hash, not a skipped one.
  const hashes: unknown[] = Array.from(o.hashes as unknown[]);
  if (hashes.length > MAX_COUNT) {
    throw new OTPError('ERR_OPTION_RANGE', `hashes: expected at most ${MAX_COUNT} hashes, got ${hashes.length}`);
  }
  const stored = hashes.map(parseHash);
  const work = stored.reduce((sum, { iterations }) => sum + iterations, 0);
  if (work > MAX_TOTAL_ITERATIONS) {
    throw new OTPError('ERR_BACKUP_HASH_INVALID', `hashes: expected at most ${MAX_TOTAL_ITERATIONS} PBKDF2 iterations in all, got ${work}`);
  }
  if (o.code === undefined) throw typeError('code', 'the code the user typed, as a string', o.code);
  const code = normalize(o.code);
  if (code === undefined || stored.length === 0) return { valid: false };
  const digests = await Promise.all(stored.map(({ salt, iterations }) => hashCode(code, salt, iterations)));
  // Every digest is compared, with no early exit. Every hash that matched is removed, so a
  // hash stored twice cannot let one code in twice.
  const matches = stored.map(({ digest }, i) => Number(equalBytes(digests[i] as Uint8Array, digest)));
  const found = lastMatch(stored.length, (i) => matches[i] as number);
  if (found < 0) return { valid: false };
  return { valid: true, index: found, remaining: (hashes as string[]).filter((_, i) => matches[i] === 0) };
}
