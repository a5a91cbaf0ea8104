// Runs in the page: the same harness as in Node, over the browser adapters.
import { adapters, otpkit, pinClock } from './adapters-browser.mjs';
import { webCryptoFloor } from './floors.mjs';
import { checkAdapter, rate, runRounds, timedItem } from './harness.mjs';

window.runBench = async ({ rounds, checkOnly }) => {
  const items = (await (await fetch('/workload.json')).json()).map((item) => timedItem(item));
  pinClock();
  const correctness = [];
  const correct = [];
  for (const adapter of adapters) {
    const wrong = await checkAdapter(adapter, items);
    if (wrong.length === 0) correct.push(adapter);
    correctness.push(wrong.length === 0 ? `ok ${adapter.name}` : `✗ ${adapter.name}: ${wrong.length} of ${items.length} wrong, left out; first: ${JSON.stringify(wrong[0])}`);
  }
  if (checkOnly) return { correctness, allCorrect: correct.length === adapters.length };
  const { results, batched } = await runRounds([...correct, webCryptoFloor()], items, {
    rounds,
    onRound: (round) => console.log(`round ${round + 1}/${rounds}`),
  });
  const secret = items[0].secret;
  const generatePerSecond = await rate((i) => otpkit.generateTOTP({ secret, now: 1_700_000_000_000 + i * 30_000 }), 2000);
  return { correctness, allCorrect: correct.length === adapters.length, results, batched, generatePerSecond };
};
