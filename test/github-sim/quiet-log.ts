/** Octokit logs every failed request; tests that expect failures pass this to keep output readable. */
export const quietLog = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
