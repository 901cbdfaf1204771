import { commitFiles, webhooks } from '../github-sim/index.js';
import type { Harness } from './harness.js';

/** The hostile inputs of docs/security.md, shared by the e2e tests and `npm run bench`. */

/** `Closes T1-T200, T201-T400, …`: `count` ranges of 200 IDs each (5,000 make 84 KB). */
export function rangesBody(count: number): string {
  const ranges = Array.from({ length: count }, (_, n) => `T${1 + n * 200}-T${200 + n * 200}`);
  return `Closes ${ranges.join(', ')}`;
}

/** A body template whose inline partials each call the next twice, `levels` deep: 2^levels renders. */
export function doublingTemplate(levels: number): string {
  const partials = Array.from(
    { length: levels },
    (_, n) => `{{#*inline "p${n}"}}{{> p${n + 1}}}{{> p${n + 1}}}{{/inline}}`,
  );
  return `${partials.join('\n')}\n{{#*inline "p${levels}"}}{{title}}{{/inline}}\n{{> p0}}`;
}

/** Opens a pull request with `body` from a new branch and delivers its `edited` event; the delivery's status. */
export async function deliverEditedPull(
  harness: Harness,
  body: string,
): Promise<{ number: number; status: number }> {
  commitFiles(harness.sim, harness.repo, 'work', { 'src/a.ts': 'export {};\n' }, 'Work');
  const pull = harness.sim.createPullRequest(harness.repo, { title: 'Work', head: 'work', body });
  const state = harness.sim.repo(harness.repo).state;
  const payload = webhooks.pullRequestPayload(harness.sim.state, state, state.issue(pull.number)!, 'edited');
  const status = await webhooks.deliver(harness.app.url, harness.app.secret, 'pull_request', payload);
  return { number: pull.number, status };
}
