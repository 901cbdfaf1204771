import { compileTemplate, TemplateError } from '../../core/render/render-template.js';
import type { JobContext } from './job-context.js';
import { builtinTemplate } from './templates.js';

/**
 * The issue body template: the built-in one, or the repository's own (`issues.bodyTemplate`, read from the
 * default branch). A file that is not there is a spec problem (TemplateError), never an empty body.
 * `tryRender` also renders it once with no values, so a template that does not compile is caught too.
 */
export async function readBodyTemplate(
  ctx: Pick<JobContext, 'config' | 'gateway' | 'repository'>,
  options: { tryRender?: boolean } = {},
): Promise<string> {
  const path = ctx.config.issues.bodyTemplate;
  if (!path) return builtinTemplate('issue-body.md.hbs');
  const { defaultBranch } = await ctx.repository();
  const file = await ctx.gateway.readFile(defaultBranch, path);
  if (!file) throw new TemplateError(`issues.bodyTemplate names ${path}, which is not on ${defaultBranch}`);
  if (options.tryRender) compileTemplate('issue body', file.text)({});
  return file.text;
}
