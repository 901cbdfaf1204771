/** Why the server will not start: each names the variable and what is wrong with it. */
export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`spec-sync cannot start:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'EnvError';
  }
}
