/**
 * Secrets at rest (flow.md): AES-256-GCM through the platform's crypto (node:crypto or
 * WebCrypto), a fresh 96-bit IV each time, the key id in the sealed string, and the key id with a
 * fixed label bound as associated data, so a sealed secret cannot be moved under another id.
 *
 * Sealed form: `otpkit1.<key id>.<iv, base64>.<ciphertext and tag, base64>`.
 */
import { aead, random } from '../crypto/backend.js';
import { decodeBase32, encodeBase32, OTPError, type SecretInput } from '../index.js';
import { isBytes, optionsObject, ownRecord, typeError } from '../internal/guards.js';
import type { FlowEvent } from './events.js';

/** Sealing keys by id; secrets are sealed under `current`, and open under any of them. */
export interface FlowKeys {
  current: string;
  /** 32-byte AES-256 keys by id (letters, digits, `_` and `-`, up to 32 characters). */
  keys: Record<string, Uint8Array>;
}

/** A checked key ring, or null for plain-text secrets (`keys: null`). */
export type KeyRing = { current: string; keys: Map<string, Uint8Array> } | null;

const PREFIX = 'otpkit1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const IV_BYTES = 12;
const encoder = new TextEncoder();

function sealedError(why: string): OTPError {
  return new OTPError('ERR_SEALED_INVALID', `sealed secret: ${why}`);
}

/**
 * The `keys` option of every transition that touches a secret. Leaving it out throws: plain
 * text must be asked for with `keys: null`, never reached by forgetting an option.
 */
export function keysOption(value: unknown): KeyRing {
  if (value === null) return null;
  if (value === undefined) throw typeError('keys', '{ current, keys }, or null for plain text', value);
  const o = ownRecord<FlowKeys>(value, 'keys');
  const keys = new Map<string, Uint8Array>();
  for (const [id, key] of Object.entries(ownRecord<Record<string, Uint8Array>>(o.keys, 'keys.keys'))) {
    // Ids go into the sealed string, between dots.
    if (!KEY_ID.test(id) || !isBytes(key) || key.length !== 32) throw typeError('keys.keys', 'ids ([A-Za-z0-9_-]{1,32}) of 32-byte keys', key);
    keys.set(id, new Uint8Array(key));
  }
  if (!keys.has(o.current as string)) throw typeError('keys.current', 'the id of one of keys.keys', o.current);
  return { current: o.current as string, keys };
}

const associatedData = (id: string) => encoder.encode(`otpkit/flow secret|${id}`);

/** Base64 with the platform's btoa/atob (every runtime otpkit supports has them): short byte strings only. */
const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
function fromBase64(text: string): Uint8Array | undefined {
  try {
    // A loop over the string, not Uint8Array.from(string, mapper): that walks the string's
    // iterator, and was a fifth of a sealed log-in's time.
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined; // not base64
  }
}

/** Seals base32 text under the ring's current key. */
export async function seal(base32: string, ring: NonNullable<KeyRing>): Promise<string> {
  const iv = random.randomBytes(IV_BYTES);
  const body = await aead.seal(ring.keys.get(ring.current)!, iv, encoder.encode(base32), associatedData(ring.current));
  return `${PREFIX}.${ring.current}.${toBase64(iv)}.${toBase64(body)}`;
}

/** Opens a sealed secret: its base32 text and the id it was sealed under. */
export async function open(sealed: string, ring: NonNullable<KeyRing>): Promise<{ base32: string; keyId: string }> {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== PREFIX) throw sealedError('malformed');
  const [, keyId, ivText, bodyText] = parts as [string, string, string, string];
  const key = ring.keys.get(keyId);
  if (!key) throw sealedError('unknown key id');
  const iv = fromBase64(ivText);
  const body = fromBase64(bodyText);
  if (iv?.length !== IV_BYTES || !body) throw sealedError('malformed');
  const plain = await aead.open(key, iv, body, associatedData(keyId));
  // Tampered with, or the wrong key: the tag does not verify.
  if (!plain) throw sealedError('does not open');
  const base32 = new TextDecoder().decode(plain);
  if (!/^[A-Z2-7]{1,2048}$/.test(base32)) throw sealedError('malformed');
  return { base32, keyId };
}

/** What a transition stores for a new base32 secret: sealed, or the text itself with `keys: null`. */
export function storeSecret(base32: string, ring: KeyRing): Promise<string> {
  return ring ? seal(base32, ring) : Promise.resolve(base32);
}

/**
 * The base32 secret of a stored one, and what to store from now on: the same string, or, when it
 * was sealed under an older key, the secret sealed under the current one, with `secret_resealed`.
 */
export async function readSecret(stored: string, ring: KeyRing, now: number): Promise<{ base32: string; stored: string; events: FlowEvent[] }> {
  if (!ring) {
    if (stored.startsWith(`${PREFIX}.`)) throw sealedError('the state holds a sealed secret, but keys is null');
    return { base32: stored, stored, events: [] };
  }
  const { base32, keyId } = await open(stored, ring);
  if (keyId === ring.current) return { base32, stored, events: [] };
  return { base32, stored: await seal(base32, ring), events: [{ type: 'secret_resealed', at: now }] };
}

/**
 * Seals a secret for storing outside a flow state (a migration, say). The secret is bytes or
 * base32; the sealed string opens with {@link openSecret} in either build.
 *
 * @example
 * ```ts
 * const keys = { current: 'k1', keys: { k1: key32 } };
 * const sealed = await sealSecret('JBSWY3DPEHPK3PXP', { keys });
 * await openSecret(sealed, { keys }); // 'JBSWY3DPEHPK3PXP'
 * ```
 */
export async function sealSecret(secret: SecretInput, options: { keys: FlowKeys }): Promise<string> {
  const ring = keysOption(optionsObject(options, true, 'sealSecret').keys);
  if (!ring) throw typeError('keys', 'keys to seal with (not null)', ring);
  const bytes = typeof secret === 'string' ? decodeBase32(secret, { loose: true }) : secret;
  if (!isBytes(bytes) || bytes.length === 0) throw new OTPError('ERR_SECRET_INVALID', 'secret: expected a non-empty Uint8Array or base32 string');
  return seal(encodeBase32(bytes, { padding: false }), ring);
}

/** Opens a string made by {@link sealSecret} (or a flow state's secret): its base32 text. Throws `ERR_SEALED_INVALID` if it does not open. */
export async function openSecret(sealed: string, options: { keys: FlowKeys }): Promise<string> {
  const ring = keysOption(optionsObject(options, true, 'openSecret').keys);
  if (!ring) throw typeError('keys', 'keys to open with (not null)', ring);
  if (typeof sealed !== 'string') throw sealedError('expected a string');
  return (await open(sealed, ring)).base32;
}
