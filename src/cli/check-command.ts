import type { Command } from 'commander';

export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description('(being built)')
    .action(() => {
      throw new Error('spec-sync check is not available yet');
    });
}
