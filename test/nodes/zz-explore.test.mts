import { afterAll, beforeAll, it } from 'vitest';
import { startOyHarness, byId } from './harness.mjs';
import type { OyHarness } from './harness.mjs';
let h: OyHarness;
beforeAll(async () => { h = await startOyHarness({ processingDelays: { disbursement: 0 } }); });
afterAll(async () => h.close());
async function show(label: string, parameters: any, opts: any = {}) {
  const run = await h.run(parameters, opts);
  console.log(`\n##### ${label}\nREQ ${JSON.stringify(run.requests.map(r => ({m: r.method, p: r.path, q: r.query, b: r.body, s: r.status, resp: r.response})))}\nOUT ${JSON.stringify(run.items.map(i => i.json))}\nERR ${JSON.stringify(run.error)}`);
  return run;
}
it('explore', async () => {
  const steps = (await import(process.env.EXPLORE!)).default;
  await steps(show, h, byId);
});
