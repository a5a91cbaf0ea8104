// node:crypto's floor for one ±1-step verification: the six bare crypto.hash calls that three
// HMAC-SHA-1s need (inner hashes over 64 + 8 bytes, outer over 64 + 20), on buffers made once.
import { hash } from 'node:crypto';

const inner = Buffer.alloc(64 + 8);
const outer = Buffer.alloc(64 + 20);

export const nodeCryptoFloor = {
  name: 'floor: 6 × crypto.hash per verification',
  floor: true,
  sync: true,
  verify() {
    for (let i = 0; i < 3; i++) {
      hash('sha1', inner, 'binary');
      hash('sha1', outer, 'binary');
    }
    return true;
  },
};
