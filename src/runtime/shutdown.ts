import type { Logger } from '../sync/shared/services.js';

/**
 * On SIGTERM (and SIGINT): stop taking work, let running jobs finish, and exit within `timeoutMs` whatever
 * happens. A job still running at the deadline is handed back by Redis (its locks expire and another
 * worker runs it); without Redis it is lost like any crash (docs/running.md).
 */
export function exitOnSignal(stop: () => Promise<void>, timeoutMs: number, log: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, timeoutMs }, 'Stopping: no new jobs; waiting for running ones');
    const deadline = setTimeout(() => {
      log.warn({ timeoutMs }, 'Stopped before running jobs finished');
      process.exit(1);
    }, timeoutMs);
    deadline.unref();
    stop().then(
      () => {
        log.info({}, 'Stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'Stopping failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
