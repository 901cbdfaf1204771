import type { Command } from 'commander';

export function registerParseCommand(program: Command): void {
  program
    .command('parse')
    .description('(being built)')
    .action(() => {
      throw new Error('spec-sync parse is not available yet');
    });
}
