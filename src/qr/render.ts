/** QR codes drawn for people: a standalone SVG for a page, Unicode half blocks for a terminal. */
import { OTPError } from '../errors.js';
import { integer, optionsObject, typeError } from '../internal/guards.js';
import { qrMatrix, type QRErrorCorrection } from './matrix.js';

/** Options of {@link qrSVG}. */
export interface QRSVGOptions {
  /** Error-correction level. Default `'M'`. */
  ecc?: QRErrorCorrection;
  /** Quiet zone in modules, 0 to 64. Default 4, what the standard requires for reliable scanning. */
  margin?: number;
  /** CSS colour of dark modules. Default `'#000'`. */
  dark?: string;
  /** CSS colour of the background. Default `'#fff'`. */
  light?: string;
  /**
   * The `width` and `height` attributes: a number of CSS pixels or a CSS length (`'12em'`,
   * `'100%'`). Default: none, so the SVG fills its container.
   */
  size?: number | string;
  /** An accessible name (`<title>`, with `role="img"`), such as `'QR code'`. Default: none. */
  title?: string;
}

/** Options of {@link qrTerminal}. */
export interface QRTerminalOptions {
  /** Error-correction level. Default `'M'`. */
  ecc?: QRErrorCorrection;
}

/** A CSS colour as plain text: no quotes or angle brackets can reach the SVG markup. */
function colour(name: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string') throw typeError(name, 'a CSS colour string', value);
  if (!/^[#\w(),.%\s-]{1,64}$/.test(value)) throw new OTPError('ERR_OPTION_RANGE', `${name}: expected a CSS colour such as '#000' or 'rgb(0, 0, 0)'`);
  return value;
}

/** A width and height: a positive number of pixels, or a CSS length as plain text. */
function length(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return String(integer('size', value, 1, 100_000));
  if (typeof value !== 'string') throw typeError('size', 'a number of pixels or a CSS length', value);
  if (!/^\d{1,6}(\.\d{1,4})?(px|em|rem|%|vw|vh|vmin|vmax|cm|mm|in|pt|pc|ch|ex)?$/.test(value)) {
    throw new OTPError('ERR_OPTION_RANGE', "size: expected a number of pixels or a CSS length such as '200px' or '12em'");
  }
  return value;
}

/** Text for an XML element: the five characters with a meaning in markup are escaped. */
function xmlText(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The QR code as a standalone SVG document: one `<path>` of dark modules on a background
 * rectangle, in module units scaled by the viewBox, so it stays crisp at any size.
 *
 * @example
 * ```ts
 * element.innerHTML = qrSVG(buildOTPAuthURI({ secret, issuer: 'ACME', account: 'jane' }));
 * ```
 */
export function qrSVG(text: string, options?: QRSVGOptions): string {
  const o = optionsObject(options, false, 'qrSVG');
  const margin = integer('margin', o.margin, 0, 64, 4);
  const dark = colour('dark', o.dark, '#000');
  const light = colour('light', o.light, '#fff');
  const dimension = length(o.size);
  if (o.title !== undefined && typeof o.title !== 'string') throw typeError('title', 'a string', o.title);
  const title = o.title === undefined ? '' : `<title>${xmlText(o.title)}</title>`;
  const { size, modules } = qrMatrix(text, o.ecc === undefined ? undefined : { ecc: o.ecc as QRErrorCorrection });
  const extent = size + 2 * margin;
  let path = '';
  for (let y = 0; y < size; y++) {
    // One rectangle per horizontal run of dark modules.
    for (let x = 0; x < size; x++) {
      if (!modules[y * size + x]) continue;
      let run = 1;
      while (x + run < size && modules[y * size + x + run]) run++;
      path += `M${x + margin} ${y + margin}h${run}v1h-${run}z`;
      x += run;
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${extent} ${extent}"` +
    (dimension === undefined ? '' : ` width="${dimension}" height="${dimension}"`) +
    (title ? ' role="img"' : '') +
    ` shape-rendering="crispEdges">${title}` +
    `<rect width="${extent}" height="${extent}" fill="${light}"/><path fill="${dark}" d="${path}"/></svg>`
  );
}

const QUIET = 4;

/**
 * The QR code for a terminal: each character is two modules stacked (Unicode half blocks),
 * so modules come out square, with a 4-module quiet zone. ANSI colours set black on bright
 * white, so the code is dark on light whatever the terminal's theme, as scanners expect.
 *
 * @example
 * ```ts
 * console.log(qrTerminal(buildOTPAuthURI({ secret, issuer: 'ACME', account: 'jane' })));
 * ```
 */
export function qrTerminal(text: string, options?: QRTerminalOptions): string {
  const { size, modules } = qrMatrix(text, options);
  const extent = size + 2 * QUIET;
  const dark = (x: number, y: number) => {
    const mx = x - QUIET;
    const my = y - QUIET;
    return mx >= 0 && my >= 0 && mx < size && my < size && modules[my * size + mx] === 1;
  };
  const lines: string[] = [];
  for (let y = 0; y < extent; y += 2) {
    let line = '';
    for (let x = 0; x < extent; x++) {
      const top = dark(x, y);
      const bottom = dark(x, y + 1);
      line += top ? (bottom ? '█' : '▀') : bottom ? '▄' : ' ';
    }
    lines.push(`\u001b[30;107m${line}\u001b[0m`);
  }
  return lines.join('\n');
}
