import type { Command } from 'commander';

export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description('(being built)')
    .action(() => {
      throw new Error('spec-sync sync is not available yet');
    });
}
