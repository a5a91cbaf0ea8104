export { qrMatrix } from './matrix.js';
export type { QRMatrix, QRMatrixOptions, QRErrorCorrection } from './matrix.js';
export { qrSVG, qrTerminal } from './render.js';
export type { QRSVGOptions, QRTerminalOptions } from './render.js';
