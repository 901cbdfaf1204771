/**
 * Every size limit GitHub puts on what spec-sync writes, in one place: the modules that fit text to a limit
 * take it from here, directly or through check-limits.ts, which passes the check-run limits on.
 */

/** GitHub refuses issue titles over 256 characters. */
export const MAX_ISSUE_TITLE_LENGTH = 256;

/** GitHub refuses an issue body over 65536 characters ("body is too long (maximum is 65536 characters)"). */
export const MAX_ISSUE_BODY_LENGTH = 65_536;

/** GitHub refuses comment bodies over 65536 characters. */
export const MAX_COMMENT_CHARS = 65_536;

/** GitHub refuses label names over 50 characters. */
export const MAX_LABEL_NAME_LENGTH = 50;
/** GitHub refuses label descriptions over 100 characters. */
export const MAX_LABEL_DESCRIPTION_LENGTH = 100;

/**
 * GitHub's limits on a check run's output. The REST docs for "Create a check run" say `output.summary` and
 * `output.text` take at most 65535 characters, an annotation's `message` at most 64 KB and its `title` 255
 * characters, and one request carries at most 50 annotations (more go in further "Update a check run" calls).
 * https://docs.github.com/en/rest/checks/runs#create-a-check-run
 */
export const MAX_CHECK_OUTPUT_CHARS = 65535;
export const MAX_ANNOTATIONS_PER_REQUEST = 50;
export const MAX_ANNOTATION_MESSAGE_CHARS = 65535;
export const MAX_ANNOTATION_TITLE_CHARS = 255;
/** The check run `title` has no documented limit; a short one reads well in the checks list. */
export const MAX_CHECK_TITLE_CHARS = 1000;

/** A check run's requested action: label at most 20 characters, description at most 40, identifier 20. */
export const MAX_ACTION_LABEL_CHARS = 20;
export const MAX_ACTION_DESCRIPTION_CHARS = 40;
export const MAX_ACTION_IDENTIFIER_CHARS = 20;

/**
 * Text cut to at most `max` UTF-16 units (GitHub's count) with `note` appended: `atLine` cuts at a line
 * break when one falls in the second half; a surrogate pair is never split (half an emoji is not valid text).
 */
export function fitWithNote(
  text: string,
  max: number,
  note: string,
  options: { atLine?: boolean } = {},
): string {
  if (text.length <= max) return text;
  const room = Math.max(0, max - note.length);
  let cut = options.atLine ? text.lastIndexOf('\n', room) : room;
  if (cut < room / 2) cut = room;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return text.slice(0, cut) + note;
}
