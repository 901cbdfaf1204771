/** Reads who a task is for: `@login` in its line, or an `Owner:` / `Assignee:` field among its details. */

/** GitHub logins: letters, digits and single inner hyphens, at most 39 characters. */
const LOGIN = '[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}';
/**
 * A mention stands alone: not part of an e-mail (`a@b.com`), a package scope (`@types/node`), a
 * decorator call (`@Injectable()`) or a path; code spans are removed before this runs.
 */
const MENTION = new RegExp(String.raw`(?<![\w.@/\\-])@(${LOGIN})(?![\w@/(-]|\.[\w])`, 'gu');
const FIELD =
  /^\s*(?:[-*+]\s+)?(?:\*\*|__|\*|_)?\s*(?:owners?|assignees?|assigned to)\s*(?:\*\*|__|\*|_)?\s*[:：]\s*(?:\*\*|__|\*|_)?\s*(.+)$/iu;
const BARE_LOGIN = new RegExp(`^@?(${LOGIN})$`, 'u');

function withoutCode(text: string): string {
  return text.replace(/`[^`\n]*`/gu, ' ');
}

/** `@alice` and `@bob-2` mentioned in text; code spans are not read. */
export function readMentions(text: string): string[] {
  return [...withoutCode(text).matchAll(MENTION)].map((match) => match[1]!);
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
  const found = [...readMentions(line), ...details.flatMap(readField)];
  const seen = new Set<string>();
  return found.filter((login) => {
    const key = login.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The title without its mentions: `Write the parser @alice` → `Write the parser`. */
export function withoutMentions(title: string): string {
  return title
    .replace(MENTION, (mention, _login, offset: number, whole: string) =>
      isInCode(whole, offset) ? mention : '',
    )
    .replace(/\s+/g, ' ')
    .trim();
}

function isInCode(text: string, offset: number): boolean {
  return (text.slice(0, offset).match(/`/g)?.length ?? 0) % 2 === 1;
}
