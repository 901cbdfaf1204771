import type { SpecDocument } from '../../core/model.js';
import type { Granularity } from '../../core/structure/types.js';
import type { GitHubGateway, IssueSnapshot } from '../../github/gateway.js';
import type { Logger } from '../shared/services.js';
import type { SpecParentIntro } from './spec-parent-intro.js';

/**
 * One application of a spec's structure: what it reads from, the issues by key as they become known, and the
 * writes it makes. A dry run reads as usual but notes each write (`ops`) instead of sending it.
 */
export class StructureRun {
  /** Keys of issues created in this run: nothing on GitHub hangs from them yet, so nothing is read about them. */
  readonly created = new Set<string>();
  /** Each write, said in words, in the order made (or, in a dry run, that would be made). */
  readonly ops: string[] = [];

  constructor(
    readonly gateway: GitHubGateway,
    readonly log: Logger,
    readonly doc: SpecDocument,
    readonly where: {
      specDir: string;
      specName: string;
      specLabel: string;
      branch: string;
      tasksUrl: string;
      granularity: Granularity;
      intro: SpecParentIntro;
    },
    readonly issues: Map<string, IssueSnapshot>,
    readonly dryRun: boolean,
  ) {}

  get specDir(): string {
    return this.where.specDir;
  }
  get specName(): string {
    return this.where.specName;
  }
  get specLabel(): string {
    return this.where.specLabel;
  }
  get branch(): string {
    return this.where.branch;
  }
  get tasksUrl(): string {
    return this.where.tasksUrl;
  }
  get intro(): SpecParentIntro {
    return this.where.intro;
  }
  get granularity(): Granularity {
    return this.where.granularity;
  }

  /** Sends a write (undefined in a dry run) and notes it. */
  async write<T>(what: string, send: () => Promise<T>): Promise<T | undefined> {
    this.ops.push(what);
    if (this.dryRun) return undefined;
    return send();
  }

  /** Whether GitHub may hold relations of this issue: it exists and was not made in this run. */
  hasHistory(key: string): boolean {
    const issue = this.issues.get(key);
    return issue !== undefined && issue.number !== 0 && !this.created.has(key);
  }
}
