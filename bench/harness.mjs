// Runtime-neutral benchmark harness (Node and the browser): the correctness pass, interleaved
// timing rounds, and the statistics. No imports, so a page can load it as is.

const now = () => performance.now();

/**
 * A workload item as the timing passes read it, built in one object literal, with the key as
 * bytes (`keyBytes`, for the WebCrypto floor) and as a Buffer where there is one (`keyBuffer`,
 * for notp). Built as `{ ...item, keyBytes }` instead, V8 gave `now` a field that it reads by
 * allocating a fresh number every time: in a profile the adapters' own destructuring went from
 * about 3% to 10% of otpkit's verification, a cost of the harness charged to every library.
 */
export function timedItem({ secret, key, token, now, valid, kind }, keyBuffer) {
  return { secret, key, token, now, valid, kind, keyBytes: Uint8Array.from(key), keyBuffer };
}

/** Each adapter must accept every valid token and reject every invalid one; returns the disagreements. */
export async function checkAdapter(adapter, items) {
  const wrong = [];
  for (const item of items) {
    let accepted;
    try {
      accepted = Boolean(await adapter.verify(item));
    } catch (error) {
      accepted = `threw ${error && error.message}`;
    }
    if (accepted !== item.valid) wrong.push({ kind: item.kind, token: item.token, now: item.now, got: accepted });
  }
  return wrong;
}

/** One pass over the workload: verifications per second. Sync adapters are called, async ones awaited one at a time. */
async function pass(adapter, items) {
  const start = now();
  if (adapter.sync) for (const item of items) adapter.verify(item);
  else for (const item of items) await adapter.verify(item);
  return items.length / ((now() - start) / 1000);
}

/** All items at once under Promise.all: the batched figure for async adapters. */
async function batchedPass(adapter, items) {
  const start = now();
  await Promise.all(items.map((item) => adapter.verify(item)));
  return items.length / ((now() - start) / 1000);
}

/**
 * Rounds in which every adapter makes one pass, in an order that rotates each round, so drift
 * in the machine's speed falls on every adapter alike. Returns per-adapter arrays of ops/s,
 * index-aligned by round.
 */
export async function runRounds(adapters, items, { rounds, warmup = 1, onRound = () => {} }) {
  const results = Object.fromEntries(adapters.map((a) => [a.name, []]));
  const batched = Object.fromEntries(adapters.filter((a) => !a.sync).map((a) => [a.name, []]));
  for (let round = -warmup; round < rounds; round++) {
    const offset = ((round % adapters.length) + adapters.length) % adapters.length;
    const order = adapters.slice(offset).concat(adapters.slice(0, offset));
    for (const adapter of order) {
      const opsPerSecond = await pass(adapter, items);
      if (round >= 0) results[adapter.name].push(opsPerSecond);
    }
    for (const adapter of order.filter((a) => !a.sync)) {
      const opsPerSecond = await batchedPass(adapter, items);
      if (round >= 0) batched[adapter.name].push(opsPerSecond);
    }
    if (round >= 0) onRound(round, results);
  }
  return { results, batched };
}

export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/** Median, p25, p75, and the median over rounds of reference ÷ adapter in the same round. */
export function summarize(results, batched, reference) {
  return Object.entries(results).map(([name, values]) => {
    const ratios = values.map((v, round) => results[reference][round] / v);
    return {
      name,
      median: quantile(values, 0.5),
      p25: quantile(values, 0.25),
      p75: quantile(values, 0.75),
      ratio: quantile(ratios, 0.5),
      batchedMedian: batched[name] ? quantile(batched[name], 0.5) : null,
    };
  });
}

/** Times `fn` over `n` calls, `repeats` times; returns the median calls per second. */
export async function rate(fn, n, repeats = 5) {
  const rates = [];
  for (let r = 0; r < repeats; r++) {
    const start = now();
    for (let i = 0; i < n; i++) await fn(i);
    rates.push(n / ((now() - start) / 1000));
  }
  return quantile(rates, 0.5);
}

const format = (n) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));

export function markdownTable(rows, referenceLabel) {
  const lines = [
    `| library | verifications/s (median) | p25–p75 | ${referenceLabel} ÷ library (same-round median) | batched Promise.all /s |`,
    '|---|---:|---:|---:|---:|',
  ];
  for (const r of [...rows].sort((a, b) => b.median - a.median)) {
    lines.push(`| ${r.name} | ${format(r.median)} | ${format(r.p25)}–${format(r.p75)} | ${r.ratio.toFixed(2)}× | ${r.batchedMedian === null ? '—' : format(r.batchedMedian)} |`);
  }
  return lines.join('\n');
}
