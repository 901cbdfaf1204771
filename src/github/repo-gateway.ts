import { composeConfigGet } from '@probot/octokit-plugin-config';
import { GitHubRequestError, isStatus, statusOf } from './errors.js';
import { GatewayBase } from './gateway-base.js';

export interface FileContent {
  text: string;
  /** The blob sha: the precondition for writing the file back. */
  sha: string;
}

export type WriteFileResult =
  | { status: 'written'; commitSha: string }
  | { status: 'conflict' }
  | { status: 'rejected'; message: string };

/** Characters of file text kept by blob sha; the oldest go first. */
const MAX_KNOWN_BLOB_CHARS = 8_000_000;
const knownBlobs = new Map<string, string>();
let knownBlobChars = 0;

function rememberBlob(sha: string, text: string): void {
  if (knownBlobs.has(sha) || text.length > MAX_KNOWN_BLOB_CHARS / 8) return;
  knownBlobs.set(sha, text);
  knownBlobChars += text.length;
  for (const [oldest, held] of knownBlobs) {
    if (knownBlobChars <= MAX_KNOWN_BLOB_CHARS) break;
    knownBlobs.delete(oldest);
    knownBlobChars -= held.length;
  }
}

/** One file the config was composed from (the repository's own, then each `_extends`). */
export interface ConfigSourceFile {
  /** `owner/repo:path`. */
  name: string;
  /** In the repository the config is for; another repository's file is not the user's to see. */
  own: boolean;
  raw: Record<string, unknown> | null;
}

/** A config file as read: its parsed YAML (empty when absent), or why it could not be read as YAML. */
export type ConfigFileRead =
  | { raw: Record<string, unknown>; sources?: ConfigSourceFile[] }
  | { unreadable: string; cause: unknown };

/** The repository, its branches and its files. */
export class RepoGateway extends GatewayBase {
  /** Names the repository and the GitHub it is on, for caches shared by every job of this process. */
  get origin(): string {
    return `${this.client.request.endpoint.DEFAULTS.baseUrl}/${this.ref.owner}/${this.ref.repo}`.toLowerCase();
  }

  /**
   * A config file from the default branch, as Probot's `context.config` reads it (with `_extends`, and the
   * organisation's `.github` repository as fallback). A failed request throws (it is not the file's fault);
   * a file that is not YAML comes back as `unreadable`.
   */
  async readConfigFile(path: string): Promise<ConfigFileRead> {
    try {
      // composeConfigGet only needs `request`; the cast bridges two Octokit type packages.
      const result = await composeConfigGet(this.client as never, { ...this.ref, path });
      const here = `${this.ref.owner}/${this.ref.repo}`.toLowerCase();
      const sources = result.files.map((file) => ({
        name: `${file.owner}/${file.repo}:${file.path}`,
        own: `${file.owner}/${file.repo}`.toLowerCase() === here,
        raw: file.config,
      }));
      return { raw: result.config, sources };
    } catch (error) {
      if (statusOf(error) !== undefined) throw new GitHubRequestError(`read ${path}`, error);
      // The first line only: a YAML error goes on to quote the file, which may be another repository's.
      return { unreadable: (error as Error).message.split('\n')[0]!, cause: error };
    }
  }

  async getRepository(): Promise<{ defaultBranch: string; htmlUrl: string }> {
    const { data } = await this.call('get repository', () => this.client.rest.repos.get({ ...this.ref }));
    return { defaultBranch: data.default_branch, htmlUrl: data.html_url };
  }

  /** The head commit of a branch, or null when the branch does not exist. */
  async getBranchHead(branch: string): Promise<string | null> {
    try {
      const { data } = await this.client.rest.git.getRef({ ...this.ref, ref: `heads/${branch}` });
      return data.object.sha;
    } catch (error) {
      if (isStatus(error, 404)) return null;
      throw new GitHubRequestError(`read branch ${branch}`, error);
    }
  }

  /** A file's text and blob sha at a ref, or null when it does not exist there. */
  async readFile(ref: string, path: string): Promise<FileContent | null> {
    try {
      const { data } = await this.client.rest.repos.getContent({ ...this.ref, path, ref });
      if (Array.isArray(data) || data.type !== 'file') return null;
      const text = await this.#fileText(data);
      rememberBlob(data.sha, text);
      return { text, sha: data.sha };
    } catch (error) {
      if (isStatus(error, 404)) return null;
      throw new GitHubRequestError(`read ${path} at ${ref}`, error);
    }
  }

  async #fileText(data: { content?: string; encoding?: string; sha: string }): Promise<string> {
    // The contents API leaves `content` empty for files over 1 MB; the blob API serves up to 100 MB.
    if (data.encoding === 'base64' && data.content)
      return Buffer.from(data.content, 'base64').toString('utf8');
    const { data: blob } = await this.client.rest.git.getBlob({ ...this.ref, file_sha: data.sha });
    return Buffer.from(blob.content, 'base64').toString('utf8');
  }

  /**
   * A file as it is now on a branch: the branch's head commit and the file there (both read at that same
   * commit, so a write with the file's blob sha as precondition fails if either moved). Null when the
   * branch or the file is not there.
   */
  async readFileAtBranchHead(
    branch: string,
    path: string,
  ): Promise<{ head: string; file: FileContent } | null> {
    const head = await this.getBranchHead(branch);
    const file = head ? await this.readFile(head, path) : null;
    return head && file ? { head, file } : null;
  }

  /**
   * A file whose blob sha is known (from a directory listing): a blob is its content's hash, so one read
   * before, in any job of this process, answers without a request.
   */
  async readKnownFile(ref: string, path: string, sha: string): Promise<FileContent | null> {
    const text = knownBlobs.get(sha);
    return text === undefined ? this.readFile(ref, path) : { text, sha };
  }

  /** The files in a directory at a ref, with their blob shas; empty when the directory does not exist. */
  async listDirectory(ref: string, path: string): Promise<Array<{ name: string; sha: string }>> {
    try {
      const { data } = await this.client.rest.repos.getContent({ ...this.ref, path, ref });
      return Array.isArray(data)
        ? data.filter((entry) => entry.type === 'file').map(({ name, sha }) => ({ name, sha }))
        : [];
    } catch (error) {
      if (isStatus(error, 404)) return [];
      throw new GitHubRequestError(`list ${path} at ${ref}`, error);
    }
  }

  /** Paths changed between two commits (the compare API), for pushes whose payload does not list them. */
  async listChangedPaths(base: string, head: string): Promise<string[]> {
    const { data } = await this.call('compare commits', () =>
      this.client.rest.repos.compareCommitsWithBasehead({ ...this.ref, basehead: `${base}...${head}` }),
    );
    return (data.files ?? []).flatMap((file) =>
      file.previous_filename ? [file.filename, file.previous_filename] : [file.filename],
    );
  }

  /** Every file path at a commit (the recursive tree). */
  async listPaths(ref: string): Promise<string[]> {
    const { data } = await this.call('read tree', () =>
      this.client.rest.git.getTree({ ...this.ref, tree_sha: ref, recursive: 'true' }),
    );
    if (data.truncated)
      throw new Error(`The tree of ${ref} is too large for one request; name the specs in config.`);
    return data.tree.flatMap((entry) => (entry.type === 'blob' && entry.path ? [entry.path] : []));
  }

  /**
   * Writes a file with its blob sha as precondition. A 409 means the file moved on (the caller re-reads and
   * re-applies) or a rule refuses direct pushes (the caller opens a pull request): the caller tells them apart.
   */
  async writeFile(input: {
    branch: string;
    path: string;
    text: string;
    sha: string;
    message: string;
  }): Promise<WriteFileResult> {
    try {
      const { data } = await this.client.rest.repos.createOrUpdateFileContents({
        ...this.ref,
        path: input.path,
        branch: input.branch,
        sha: input.sha,
        message: input.message,
        content: Buffer.from(input.text, 'utf8').toString('base64'),
        // The retry plugin would retry a 409, which only a fresh read can resolve.
        request: { retries: 0 },
      });
      return { status: 'written', commitSha: data.commit.sha ?? '' };
    } catch (error) {
      if (isStatus(error, 409)) {
        const message = (error as Error).message;
        return /rule|protected|pull request/i.test(message)
          ? { status: 'rejected', message }
          : { status: 'conflict' };
      }
      if (isStatus(error, 403) || isStatus(error, 422))
        return { status: 'rejected', message: (error as Error).message };
      throw new GitHubRequestError(`write ${input.path} on ${input.branch}`, error);
    }
  }

  async createBranch(name: string, fromSha: string): Promise<void> {
    await this.call(`create branch ${name}`, () =>
      this.client.rest.git.createRef({ ...this.ref, ref: `refs/heads/${name}`, sha: fromSha }),
    );
  }
}
