import { describe, expect, it } from '@jest/globals';
import { isTransient } from '../../src/app.js';
import { ConfigError } from '../../src/config/load-config.js';
import { TemplateError } from '../../src/core/render/render-template.js';
import { GitHubRequestError, RetryLaterError } from '../../src/github/errors.js';
import { classifyError } from '../../src/sync/shared/error-policy.js';
import { SpecUnreadableError } from '../../src/sync/shared/readable-spec.js';

function httpError(status: number, headers: Record<string, string> = {}, message = 'refused'): Error {
  return Object.assign(new Error(message), { status, response: { headers } });
}

describe('one error policy', () => {
  it.each([
    ['a 502', httpError(502), 'transient'],
    ['a 503 wrapped by the gateway', new GitHubRequestError('read issue #1', httpError(503)), 'transient'],
    ['a 429', httpError(429, { 'retry-after': '1' }), 'transient'],
    ['a 403 that is a primary rate limit', httpError(403, { 'x-ratelimit-remaining': '0' }), 'transient'],
    [
      'a 403 that is a secondary rate limit',
      httpError(403, {}, 'You have exceeded a secondary rate limit'),
      'transient',
    ],
    [
      'a 403 for a missing permission',
      httpError(403, {}, 'Resource not accessible by integration'),
      'failed',
    ],
    ['a 404', new GitHubRequestError('read pull request #9', httpError(404)), 'failed'],
    ['a dropped connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'transient'],
    ['a file that kept changing', new RetryLaterError('tasks.md kept changing'), 'transient'],
    [
      'an invalid config',
      new ConfigError('.github/spec-sync.yml', [{ path: ['issues'], message: 'bad' }]),
      'spec',
    ],
    ['an unreadable tasks.md', new SpecUnreadableError('specs/a/tasks.md', 'not text'), 'spec'],
    ['a missing template', new TemplateError('issues.bodyTemplate names x.md, which is not on main'), 'spec'],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')"), 'failed'],
  ])('%s is %s', (_name, error, kind) => {
    expect(classifyError(error)).toBe(kind);
    expect(isTransient(error)).toBe(kind === 'transient');
  });
});
