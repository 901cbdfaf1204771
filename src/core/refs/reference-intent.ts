import { MENTION_WORDS, type ReferenceIntent } from './task-reference.js';

/** Decides intent from the words written right before a reference (or a list of them). */
export interface IntentReader {
  /** `close` or `mention` when the text ends with such a word, else null (the source's default applies). */
  intentBefore(text: string): ReferenceIntent | null;
}

// Emphasis and brackets around words or IDs (`**Closes** [T012](…)`) do not change what they say.
const DECORATION = /[*_~[\]()]/g;
// Separators that continue a list: `T012, T013 and T014`, `T012/T013`, `T012 & T013`.
const LIST_GAP = /^(?:\s|,|\/|&|\+|\band\b|\bor\b)*$/i;
const MAX_GAP_READ = 120;
const NEGATION = /(?:\bnot|\bnever|n't)\s*$/i;

export function createIntentReader(closingWords: string[]): IntentReader {
  const closing = wordsAtEnd(closingWords);
  const mention = wordsAtEnd(MENTION_WORDS);
  return {
    intentBefore(text) {
      const plain = lastWords(text);
      const closeMatch = closing?.exec(plain);
      // "does not close T012" still names the task, but must not tick it.
      if (closeMatch) return NEGATION.test(plain.slice(0, closeMatch.index + 1)) ? 'mention' : 'close';
      return mention?.test(plain) ? 'mention' : null;
    },
  };
}

/** True when the text between two references only joins them into one list. */
/** The words must sit right before the reference, so only the end of the gap matters. */
function lastWords(text: string): string {
  return text.replace(/\s+/g, ' ').slice(-MAX_GAP_READ).replace(DECORATION, '');
}

export function isListGap(text: string): boolean {
  return LIST_GAP.test(text.replace(DECORATION, ''));
}

function wordsAtEnd(words: readonly string[]): RegExp | null {
  const alternatives = words
    .map((word) => word.trim())
    .filter((word) => word.length > 0)
    .sort((a, b) => b.length - a.length)
    .map((word) => word.split(/\s+/).map(escapeRegExp).join(' '));
  if (alternatives.length === 0) return null;
  // Optional `:` and a noun between the word and the reference: `Closes: T012`, `fixes task T012`.
  return new RegExp(
    String.raw`(?:^|[^\w-])(?:${alternatives.join('|')}) ?:? ?(?:(?:tasks?|issues?) ?:? ?)?$`,
    'i',
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
