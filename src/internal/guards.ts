/**
 * Tiny validation guards with uniform messages: `"<option>: expected <what>, got <value>"`.
 * They run before any HMAC is computed (api.md, Conventions), and never echo anything long
 * enough to be a secret.
 */
import { OTPError } from '../errors.js';

/** A short, secret-safe description of a value for an error message. */
export function describe(value: unknown): string {
  switch (typeof value) {
    case 'number':
    case 'boolean':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'string':
      // Short strings ('MD5', 'sha-1') help; long ones could be a secret pasted in the wrong place.
      return value.length <= 12 ? JSON.stringify(value) : `${value.length} characters`;
    case 'undefined':
      return 'undefined';
    case 'object':
      if (value === null) return 'null';
      if (value instanceof Date) return 'an invalid Date';
      if (value instanceof Uint8Array) return `${value.length} bytes`;
      return Array.isArray(value) ? 'an array' : 'an object';
    default:
      return `a ${typeof value}`;
  }
}

export function rangeError(name: string, expected: string, value: unknown): OTPError {
  return new OTPError('ERR_OPTION_RANGE', `${name}: expected ${expected}, got ${describe(value)}`);
}

export function typeError(name: string, expected: string, value: unknown): OTPError {
  return new OTPError('ERR_OPTION_TYPE', `${name}: expected ${expected}, got ${describe(value)}`);
}

/** The options argument itself: a plain object (or, where allowed, undefined). */
export function optionsObject<T extends object>(value: T | undefined, required: boolean, fn: string): T {
  if (value === undefined && !required) return {} as T;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw typeError(`${fn} options`, 'an object', value);
  }
  return value;
}

/** An integer number from `min` to `max`; `fallback` when undefined. */
export function integer(name: string, value: unknown, min: number, max: number, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const expected = `an integer from ${min} to ${max}`;
  if (typeof value !== 'number') throw typeError(name, expected, value);
  if (!Number.isInteger(value) || value < min || value > max) throw rangeError(name, expected, value);
  return value;
}

/** One of a fixed list of strings; `fallback` when undefined. */
export function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback?: T): T {
  if (value === undefined && fallback !== undefined) return fallback;
  const expected = `one of ${allowed.join(', ')}`;
  if (typeof value !== 'string') throw typeError(name, expected, value);
  if (!(allowed as readonly string[]).includes(value)) throw rangeError(name, expected, value);
  return value as T;
}

/**
 * An instant: milliseconds since the Unix epoch as a safe integer, or a valid `Date`.
 * NaN, ±Infinity and fractions throw: an unchecked NaN would become step 0 and a constant code
 * (standards T-11).
 */
export function instant(name: string, value: unknown, fallback: () => number): number {
  if (value === undefined) return fallback();
  const expected = 'a Date or integer milliseconds';
  let ms: unknown = value;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value !== 'number') throw typeError(name, expected, value);
  if (!Number.isSafeInteger(ms)) throw rangeError(name, expected, value);
  return ms as number;
}
