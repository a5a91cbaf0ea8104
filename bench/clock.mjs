// @epic-web/totp, @oslojs/otp and notp read the clock (`new Date()`, `Date.now()`) with no way
// to pass an instant, so the benchmark pins it: `Date` is replaced by a subclass whose `now()`
// and argument-less constructor return the instant set with `pinAt`. Libraries that are given
// the instant are unaffected. Shared by the Node and the browser runs.
let pinned = 0;
const RealDate = globalThis.Date;

class PinnedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(pinned);
    else super(...args);
  }
  static now() {
    return pinned;
  }
}

export function pinClock() {
  globalThis.Date = PinnedDate;
}

export function pinAt(instant) {
  pinned = instant;
}
