/** The requested action on spec-sync's check runs (GitHub: identifier at most 20 characters). */
export const SYNC_NOW_ACTION = 'sync-issues';

/** GitHub: a requested action's label is at most 20 characters, its description at most 40. */
export const SYNC_NOW = {
  label: 'Sync issues now',
  description: "Sync this spec's task issues",
  identifier: SYNC_NOW_ACTION,
};
