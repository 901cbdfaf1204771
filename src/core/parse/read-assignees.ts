/** Reads who a task is for: `@login` in its line, or an `Owner:` / `Assignee:` field among its details. */

import { uniqueIgnoringCase } from '../text/unique-ignoring-case.js';

/** GitHub logins: letters, digits and single inner hyphens, at most 39 characters. */
const LOGIN = '[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}';
/**
 * Mentions that assign: the run of `@login`s ending the task line, alone or in brackets (`… @alice @bob`,
 * `… (@alice, @bob)`). A mention inside the sentence (`run @analyze-product on it`) names a command or a
 * tool more often than a person, and e-mails, package scopes and decorators never end that way.
 */
const MENTION_RUN = String.raw`@${LOGIN}(?:[ \t]*,?[ \t]*@${LOGIN})*`;
const TRAILING = new RegExp(
  String.raw`(^|[ \t])(?:\((${MENTION_RUN})\)|\[(${MENTION_RUN})\]|(${MENTION_RUN}))[ \t]*$`,
  'u',
);
const LOGIN_IN_RUN = new RegExp(`@(${LOGIN})`, 'gu');
const FIELD =
  /^\s*(?:[-*+]\s+)?(?:\*\*|__|\*|_)?\s*(?:owners?|assignees?|assigned to)\s*(?:\*\*|__|\*|_)?\s*[:：]\s*(?:\*\*|__|\*|_)?\s*(.+)$/iu;
const BARE_LOGIN = new RegExp(`^@?(${LOGIN})$`, 'u');

function withoutCode(text: string): string {
  return text.replace(/`[^`\n]*`/gu, ' ');
}

/** The logins of the mentions ending the text (code spans are not read). */
export function readMentions(text: string): string[] {
  const run = TRAILING.exec(withoutCode(text).trimEnd());
  const mentions = run ? (run[2] ?? run[3] ?? run[4]!) : '';
  return [...mentions.matchAll(LOGIN_IN_RUN)].map((match) => match[1]!);
}

/** `Owner: @alice, bob` → alice, bob. A field with words that are not logins (`Owner: the team`) gives none. */
function readField(line: string): string[] {
  const field = FIELD.exec(withoutCode(line));
  if (!field) return [];
  const pieces = field[1]!
    .replace(/(?:\*\*|__|\*|_)\s*$/u, '')
    .split(/\s*(?:,|、|;|\band\b|&)\s*/u)
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '');
  const logins = pieces.map((piece) => BARE_LOGIN.exec(piece)?.[1]);
  return logins.every((login) => login !== undefined) ? (logins as string[]) : [];
}

/** Logins in first-seen order, compared without case as GitHub does. */
export function readAssignees(line: string, details: readonly string[]): string[] {
  return uniqueIgnoringCase([...readMentions(line), ...details.flatMap(readField)]);
}

/** The title without the mentions ending it: `Write the parser @alice` → `Write the parser`. */
export function withoutMentions(title: string): string {
  if (readMentions(title).length === 0) return title;
  return title.trimEnd().replace(TRAILING, '$1').trim();
}
