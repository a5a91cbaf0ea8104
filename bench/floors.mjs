// What the platform's cryptography alone costs for one ±1-step verification, timed beside the
// libraries in the same rounds (issue "Speed"): the fraction of it a library reaches is the share
// of each verification spent hashing rather than in JavaScript around it. Floors skip the
// correctness pass: they hash, they do not decide.

/** WebCrypto's floor, as otpkit's web build uses it: one importKey, then three signs awaited together. */
export function webCryptoFloor() {
  const counters = [0, 1, 2].map((i) => new Uint8Array([0, 0, 0, 0, 0, 0, 0, i]));
  return {
    name: 'floor: WebCrypto importKey + 3 signs',
    floor: true,
    async verify(item) {
      const key = await crypto.subtle.importKey('raw', item.keyBytes, { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
      await Promise.all(counters.map((counter) => crypto.subtle.sign('HMAC', key, counter)));
      return true;
    },
  };
}

/** The same-round median of a ÷ b, from runRounds' results: how close a comes to b. */
export function sameRoundFraction(results, a, b) {
  const ratios = results[a].map((v, i) => v / results[b][i]).sort((x, y) => x - y);
  return ratios[Math.floor(ratios.length / 2)];
}
