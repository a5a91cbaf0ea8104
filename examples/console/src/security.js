// Passwords (scrypt): the console's own first factor.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback);
const SCRYPT = { N: 16_384, r: 8, p: 1 };

export async function hashPassword(password) {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, SCRYPT);
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function checkPassword(password, stored) {
  const [, salt, key] = stored.split('$');
  const derived = await scrypt(password, Buffer.from(salt, 'base64'), 32, SCRYPT);
  return timingSafeEqual(derived, Buffer.from(key, 'base64'));
}
