/**
 * At most this many task IDs (single IDs, each ID of a range or list, issue numbers) are read from one pull
 * request, title, body, branch and commits together. A real PR names a handful; without a total, 5,000
 * ranges of 200 in an 84 KB body would expand to a million IDs.
 */
export const MAX_PULL_REQUEST_IDS = 300;
/**
 * Characters read from one text (title, description, each commit message): GitHub's own cap on a pull
 * request description. Longer commit messages are read that far.
 */
export const MAX_TEXT_CHARACTERS = 65_536;
/** How many ignored references are kept as examples for the PR comment. */
const MAX_IGNORED_SAMPLES = 5;
const MAX_SAMPLE_LENGTH = 40;

/** What a pull request named beyond the budget: counted, never expanded. */
export interface IgnoredReferences {
  /** References (an ID, a range, an issue number) not read. */
  references: number;
  /** Task IDs those references stand for (a range counts each ID). */
  ids: number;
  /** The first few as written, e.g. `T201-T400`. */
  samples: string[];
  /** Characters past MAX_TEXT_CHARACTERS in a text, not read at all. */
  unreadCharacters: number;
}

export interface ReferenceBudget {
  /** True when a reference naming `count` IDs fits; once one does not, every later one is ignored too. */
  take(raw: string, count: number): boolean;
  readonly limit: number;
  /** The part of a text that is read; the rest is counted as unread. */
  cut(text: string): string;
  ignored(): IgnoredReferences;
}

export function createReferenceBudget(limit: number = MAX_PULL_REQUEST_IDS): ReferenceBudget {
  let remaining = limit;
  let closed = false;
  const ignored: IgnoredReferences = { references: 0, ids: 0, samples: [], unreadCharacters: 0 };
  return {
    limit,
    take(raw, count) {
      if (!closed && count <= remaining) {
        remaining -= count;
        return true;
      }
      // The rest is ignored whole, so a later single ID never slips in after a range that did not fit.
      closed = true;
      ignored.references += 1;
      ignored.ids += count;
      if (ignored.samples.length < MAX_IGNORED_SAMPLES) ignored.samples.push(raw.slice(0, MAX_SAMPLE_LENGTH));
      return false;
    },
    cut(text) {
      if (text.length <= MAX_TEXT_CHARACTERS) return text;
      ignored.unreadCharacters += text.length - MAX_TEXT_CHARACTERS;
      return text.slice(0, MAX_TEXT_CHARACTERS);
    },
    ignored: () => ({ ...ignored, samples: [...ignored.samples] }),
  };
}
