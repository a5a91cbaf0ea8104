/**
 * The TIME and DURATION arguments of oathtool's `-S`, `-N` and `-s`, in the forms users pass:
 * `now`, `@SECONDS`, ISO 8601 / RFC 3339 dates with a zone (`2009-02-13T23:31:30Z`,
 * `2009-02-13 23:31:30 UTC`, `…+01:00`); durations `30`, `30s`, `1m`, `1m30s`, `1h`, `1d`.
 * oathtool (gnulib's parse_datetime) also reads phrases such as `tomorrow` or `next friday`:
 * those are refused here, never guessed.
 */
import { CliError } from './io.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;

/** Seconds since the epoch (whole, as oathtool's time_t), for `now` the clock's. */
export function parseTime(text: string, option: string): number {
  const value = text.trim();
  if (value.toLowerCase() === 'now') return Math.trunc(Date.now() / 1000);
  const at = /^@(-?\d{1,15})(?:\.\d+)?$/.exec(value);
  if (at) return Number(at[1]); // oathtool drops the fraction
  const iso = ISO.exec(value);
  if (iso) {
    const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = iso;
    // oathtool would read a date without a zone in the machine's zone: say which instead.
    if (zone === undefined) throw new CliError(`${option}: '${value}' has no time zone; add Z, UTC or an offset such as +01:00`);
    const offset = /^(z|utc|gmt)$/i.test(zone) ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
    const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
    if (!Number.isNaN(ms)) return Math.floor(ms / 1000);
  }
  throw new CliError(`${option}: cannot read the time '${value}'; otpkit takes now, @SECONDS or an ISO 8601 date with a zone (oathtool's other phrases are not supported)`);
}

const UNITS: Record<string, number> = { d: 86_400, h: 3_600, m: 60, s: 1 };

/** Seconds. 0 means oathtool's default of 30, as liboath reads a zero step. */
export function parseDuration(text: string, option: string): number {
  const value = text.trim();
  let seconds: number;
  if (/^\d{1,9}$/.test(value)) seconds = Number(value);
  else if (/^(\d{1,6}[dhms])+$/i.test(value)) {
    seconds = 0;
    for (const [, n, unit] of value.matchAll(/(\d+)([dhms])/gi)) seconds += Number(n) * UNITS[unit!.toLowerCase()]!;
  } else throw new CliError(`${option}: cannot read the duration '${value}'; otpkit takes 30, 30s, 1m, 1m30s, 1h or 1d`);
  return seconds === 0 ? 30 : seconds;
}

/** `1970-01-01 00:00:59 UTC`, as oathtool's -v prints an instant. */
export function formatTime(seconds: number): string {
  const iso = new Date(seconds * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
