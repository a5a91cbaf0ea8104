import { expect } from 'vitest';
import { OTPError, type OTPErrorCode } from '../src/index.js';
import { backend, kdf, random } from '../src/crypto/backend.js';

/** Which backend this test project runs over ('node' or 'web'); used in test titles. */
export const backendName = backend.name;
export { backend, kdf, random };

export const hex = (text: string): Uint8Array => Uint8Array.from(text.match(/../g) ?? [], (byte) => parseInt(byte, 16));
export const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
export const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Asserts that `run` throws (or rejects with) an OTPError with this code, and returns it. */
export async function expectOTPError(run: () => unknown, code: OTPErrorCode): Promise<OTPError> {
  let caught: unknown;
  try {
    await run();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected an OTPError ${code}`).toBeInstanceOf(OTPError);
  expect(caught).toBeInstanceOf(Error);
  expect((caught as OTPError).code).toBe(code);
  return caught as OTPError;
}
