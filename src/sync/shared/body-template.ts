import { compileTemplate, TemplateError } from '../../core/render/render-template.js';
import type { JobContext } from './job-context.js';
import { builtinTemplate } from './templates.js';

/**
 * The issue body template: the built-in one, or the repository's own (`issues.bodyTemplate`, read from the
 * default branch). A file that is not there, or cannot be used (it does not compile, recurses, expands
 * without bound or fails to render with no values), is a spec problem (TemplateError naming the file),
 * never an empty body: the spec's check run fails and its issues are left as they are.
 */
export async function readBodyTemplate(
  ctx: Pick<JobContext, 'config' | 'gateway' | 'repository'>,
): Promise<string> {
  const path = ctx.config.issues.bodyTemplate;
  if (!path) return builtinTemplate('issue-body.md.hbs');
  const { defaultBranch } = await ctx.repository();
  const file = await ctx.gateway.readFile(defaultBranch, path);
  if (!file)
    throw new TemplateError(`issues.bodyTemplate names ${path}, which is not on ${defaultBranch}`, { path });
  compileTemplate({ what: 'issue body', path }, file.text)({});
  return file.text;
}
