/**
 * Tiny validation guards with uniform messages: `"<option>: expected <what>, got <value>"`.
 * They run before any HMAC is computed (api.md, Conventions). Messages echo numbers, never
 * strings: a code typed into the wrong option, or a secret, must not come back in a log.
 */
import { OTPError } from '../errors.js';

/** The getter behind `Uint8Array.prototype[Symbol.toStringTag]`: it reads the internal slot. */
const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag)!
  .get as (this: unknown) => string | undefined;

/**
 * A real `Uint8Array` (or a subclass such as Buffer). `instanceof` is not enough: an object made
 * with `Object.create(Uint8Array.prototype)`, a Proxy of an array or a class with its own
 * `Symbol.hasInstance` all pass it and then throw plain TypeErrors deep inside. The slot check
 * cannot be faked.
 */
export function isBytes(value: unknown): value is Uint8Array {
  // The getter returns undefined for anything without the slot, primitives included.
  return typedArrayTag.call(value) === 'Uint8Array';
}

/** The milliseconds of a real `Date`, or undefined for anything else (a fake or a Proxy of one). */
export function dateTime(value: unknown): number | undefined {
  try {
    return Date.prototype.getTime.call(value); // throws for anything without a Date's slot
  } catch {
    return undefined;
  }
}

/** A short, secret-safe description of a value for an error message. */
export function describe(value: unknown): string {
  // Described, never echoed: a string may be a code or a secret given in the wrong place.
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'object' && value !== null) return isBytes(value) ? `${value.length} bytes` : 'an object';
  // Numbers, booleans, undefined and null read as themselves; functions and symbols by type.
  return typeof value === 'function' || typeof value === 'symbol' ? `a ${typeof value}` : String(value);
}

export function rangeError(name: string, expected: string, value: unknown): OTPError {
  return new OTPError('ERR_OPTION_RANGE', `${name}: expected ${expected}, got ${describe(value)}`);
}

export function typeError(name: string, expected: string, value: unknown): OTPError {
  return new OTPError('ERR_OPTION_TYPE', `${name}: expected ${expected}, got ${describe(value)}`);
}

/** Options as read: own properties only, on an object with no prototype to inherit from. */
export type Own<T> = { readonly [K in keyof T]?: unknown };

/**
 * The options argument, turned into a record of its own enumerable properties in one step. A
 * polluted `Object.prototype` (`Object.prototype.window = 10`) then changes nothing, and a
 * getter or Proxy trap runs once, here, not between a check and a use. An options object
 * whose properties cannot be read (a revoked Proxy, a throwing getter) is an `ERR_OPTION_TYPE`.
 */
export function optionsObject<T extends object>(value: T | undefined, required: boolean, fn: string): Own<T> {
  if (value === undefined && !required) return Object.create(null) as Own<T>;
  return ownRecord<T>(value, `${fn} options`);
}

/** A nested options object (`window`, `keys`, `policy`): own properties only, like the top level. */
export function ownRecord<T extends object>(value: unknown, name: string): Own<T> {
  if (typeof value === 'object' && value !== null) {
    try {
      // Array.isArray and the copy both throw on a revoked Proxy; a getter may throw too. A spread
      // then a null prototype, not Object.assign into Object.create(null): the same own
      // enumerable properties, in a fast-mode object rather than a dictionary, at half the cost.
      if (!Array.isArray(value)) return Object.setPrototypeOf({ ...value }, null) as Own<T>;
    } catch {
      // refused below, like any other value that is not a readable object
    }
  }
  throw typeError(name, 'an object', value);
}

/** An integer number from `min` to `max`; `fallback` when undefined. */
export function integer(name: string, value: unknown, min: number, max: number, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  // The message is built only when it is needed: this guard runs several times per verification.
  const expected = `an integer from ${min} to ${max}`;
  throw typeof value === 'number' ? rangeError(name, expected, value) : typeError(name, expected, value);
}

/** One of a fixed list of strings; `fallback` when undefined. */
export function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback?: T): T {
  if (value === undefined && fallback !== undefined) return fallback;
  if ((allowed as readonly unknown[]).includes(value)) return value as T;
  const expected = `one of ${allowed.join(', ')}`;
  throw typeof value === 'string' ? rangeError(name, expected, value) : typeError(name, expected, value);
}

/**
 * An instant: milliseconds since the Unix epoch as a safe integer, or a valid `Date`.
 * NaN, ±Infinity and fractions throw: an unchecked NaN would become step 0 and a constant code
 * (standards T-11).
 */
export function instant(name: string, value: unknown, fallback: () => number): number {
  if (value === undefined) return fallback();
  const expected = 'a Date or integer milliseconds';
  const ms = typeof value === 'number' ? value : dateTime(value);
  if (ms === undefined) throw typeError(name, expected, value);
  // The number is echoed: an invalid Date reads "got NaN".
  if (!Number.isSafeInteger(ms)) throw rangeError(name, expected, ms);
  return ms;
}
