import { BenchFleet } from './bench-fleet';

/**
 * Ctrl-C, SIGTERM or the run's deadline: remove the fleet, then exit. A
 * second signal exits at once and prints how to remove what is left.
 * Returns a function that stands the guard down after a normal run.
 */
export function cleanUpOnInterrupt(fleet: BenchFleet, deadlineMs: number): () => void {
  let stopping = false;

  const stop = (why: string, exitCode: number): void => {
    if (stopping) {
      console.error(
        `${why} again: exiting now; remove the rest with\n  ${fleet.manualCleanup}`,
      );
      process.exit(exitCode);
    }
    stopping = true;

    console.error(`${why}: removing the benchmark's containers...`);
    fleet.removeAll().then(
      (count) => {
        console.error(`removed ${count} containers`);
        process.exit(exitCode);
      },
      (error: Error) => {
        console.error(`cleanup failed (${error.message}); run\n  ${fleet.manualCleanup}`);
        process.exit(exitCode);
      },
    );
  };

  const onSigint = () => stop('interrupted (SIGINT)', 130);
  const onSigterm = () => stop('terminated (SIGTERM)', 143);
  const deadline = setTimeout(
    () => stop(`still running after ${deadlineMs / 60_000} minutes`, 1),
    deadlineMs,
  );
  // A finished run must not wait for its deadline.
  deadline.unref();
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);

  return () => {
    clearTimeout(deadline);
    process.removeListener('SIGINT', onSigint);
    process.removeListener('SIGTERM', onSigterm);
  };
}
