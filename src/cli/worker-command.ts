import type { Command } from 'commander';

/** `spec-sync worker`: runs queued jobs from Redis, like `SPEC_SYNC_ROLE=worker npm start`. */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description(
      "Run the app's queued jobs from Redis (needs REDIS_URL and the app's APP_ID and PRIVATE_KEY)",
    )
    .action(async () => {
      // loaded on demand: the other commands need neither Probot's server nor BullMQ
      const { startRuntime } = await import('../runtime/start.js');
      await startRuntime({ role: 'worker' });
    });
}
