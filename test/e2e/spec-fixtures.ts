/** Small tasks.md generators for end-to-end scenarios; each test states what it expects by hand. */

export function taskId(n: number): string {
  return `T${String(n).padStart(3, '0')}`;
}

/** A spec-kit tasks.md with `count` tasks in two phases; `mark(n)` gives the box content of task n. */
export function specKitTasks(
  count: number,
  mark: (n: number) => string = () => ' ',
  text = (n: number) => `Task ${n}`,
) {
  const lines = ['# Tasks: Billing', '', '## Phase 1: Setup', ''];
  for (let n = 1; n <= count; n += 1) {
    if (n === Math.floor(count / 2) + 1) lines.push('', '## Phase 2: Foundational', '');
    lines.push(`- [${mark(n)}] ${taskId(n)} ${text(n)}`);
  }
  return `${lines.join('\n')}\n`;
}

export const SPEC_DOCS = (dir: string) => ({
  [`${dir}/spec.md`]: '# Spec\n',
  [`${dir}/plan.md`]: '# Plan\n',
});
