import { neutralizeMarkdown, neutralizePlainText } from '../../text/neutralize-text.js';
import {
  MAX_ANNOTATION_MESSAGE_CHARS,
  MAX_ANNOTATION_TITLE_CHARS,
  MAX_CHECK_OUTPUT_CHARS,
  MAX_CHECK_TITLE_CHARS,
} from '../github-limits.js';
import { type Annotation, clip } from './check-limits.js';

interface CheckOutputText {
  title: string;
  summary: string;
  text?: string;
  annotations: Annotation[];
}

/**
 * A check run's text under the text rule (src/core/text/neutralize-text.ts), every field, whoever built it
 * (gate messages quote task text and file lines): Markdown for the summary and details, plain for the title
 * and annotations. Applying it twice changes nothing, so reports compare equal to what GitHub holds.
 * Check runs notify no one, so mentions are always made inert here. Each field stays within its limit.
 */
export function safeCheckOutput<T extends CheckOutputText>(output: T): T {
  const { text } = output;
  return {
    ...output,
    title: clip(neutralizePlainText(output.title), MAX_CHECK_TITLE_CHARS),
    summary: clip(neutralizeMarkdown(output.summary), MAX_CHECK_OUTPUT_CHARS),
    ...(text === undefined ? {} : { text: clip(neutralizeMarkdown(text), MAX_CHECK_OUTPUT_CHARS) }),
    annotations: output.annotations.map(safeAnnotation),
  };
}

function safeAnnotation(annotation: Annotation): Annotation {
  const { title } = annotation;
  return {
    ...annotation,
    message: clip(neutralizePlainText(annotation.message), MAX_ANNOTATION_MESSAGE_CHARS),
    ...(title === undefined ? {} : { title: clip(neutralizePlainText(title), MAX_ANNOTATION_TITLE_CHARS) }),
  };
}
