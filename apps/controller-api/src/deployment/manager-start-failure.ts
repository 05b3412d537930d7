/** Lines of a failed manager's log read to find why it stopped. */
export const MANAGER_LOG_TAIL_LINES = 20;

/** At most this many lines are quoted: a configuration error lists each bad variable. */
const QUOTED_LINES = 6;

/** A text or JSON log line at error level, or the configuration error's heading. */
const ERROR_LINE = /\bERROR\b|"level":"error"|Configuration is invalid/;

/** Nest's text prefix before the level: `[hms-manager] 7  - 12/04/2026, 7:48:59 PM`. */
const TEXT_LOG_PREFIX =
  /^\[[\w-]+\] \d+\s+-\s.*?\s+(?=(?:FATAL|ERROR|WARN|LOG|DEBUG|VERBOSE) \[)/;

/**
 * A manager container that started and stopped while it was watched: its
 * own error line is the one thing that says why (a socket that is not its
 * engine's, a broker URL it refuses), so the message quotes it.
 */
export class ManagerExitedError extends Error {
  constructor(
    readonly exitCode: number,
    readonly managerError: string | undefined,
  ) {
    super(
      managerError === undefined
        ? `the manager exited at start (exit code ${exitCode}) and logged nothing`
        : `the manager exited at start (exit code ${exitCode}): "${managerError}"`,
    );
    this.name = 'ManagerExitedError';
  }
}

/**
 * The manager's own account of its failure in the tail of its log: from
 * the last error line on, or the last line when none is marked as an error.
 * The pid and time of a text line are left out; they say nothing of why.
 */
export function managerErrorIn(logLines: readonly string[]): string | undefined {
  const lines = logLines
    .map((line) => withoutColors(line).replace(TEXT_LOG_PREFIX, ''))
    .filter((line) => line.trim() !== '');
  if (lines.length === 0) {
    return undefined;
  }

  const lastError = lines.reduce(
    (found, line, index) => (ERROR_LINE.test(line) ? index : found),
    -1,
  );
  const from = lastError === -1 ? lines.length - 1 : lastError;

  return lines
    .slice(from, from + QUOTED_LINES)
    .map((line) => line.trim())
    .join(' ');
}

function withoutColors(line: string): string {
  // eslint-disable-next-line no-control-regex
  return line.replace(/\u001b\[[0-9;]*m/g, '');
}
