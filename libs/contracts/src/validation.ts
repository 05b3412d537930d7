import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

import { ANTAGONIST_COMMANDS, AntagonistCommand, MANAGER_COMMANDS, ManagerCommand } from './commands';
import { Notice, NOTICES } from './notices';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

type Constructor<T> = new () => T;

/**
 * Turns an untrusted plain object into a validated instance of `type`.
 * Unknown fields are refused, so a typo never silently does nothing.
 */
export function parseAs<T extends object>(type: Constructor<T>, raw: unknown): Parsed<T> {
  if (!isPlainObject(raw)) {
    return { ok: false, reason: 'message body must be a JSON object' };
  }

  const value = plainToInstance(type, raw);
  const errors = validateSync(value, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });

  return errors.length === 0 ? { ok: true, value } : { ok: false, reason: describe(errors) };
}

/** Parses a command a manager received; an unknown command name is refused. */
export function parseManagerCommand(raw: unknown): Parsed<ManagerCommand> {
  return parseByDiscriminator<ManagerCommand>(MANAGER_COMMANDS, 'command', raw);
}

/** Parses a command an antagonist received. */
export function parseAntagonistCommand(raw: unknown): Parsed<AntagonistCommand> {
  return parseByDiscriminator<AntagonistCommand>(ANTAGONIST_COMMANDS, 'command', raw);
}

/** Parses a notice the controller received. */
export function parseNotice(raw: unknown): Parsed<Notice> {
  return parseByDiscriminator<Notice>(NOTICES, 'kind', raw);
}

function parseByDiscriminator<T extends object>(
  types: Readonly<Record<string, Constructor<T>>>,
  field: string,
  raw: unknown,
): Parsed<T> {
  if (!isPlainObject(raw)) {
    return { ok: false, reason: 'message body must be a JSON object' };
  }

  const name = raw[field];
  const type = typeof name === 'string' ? types[name] : undefined;
  if (type === undefined) {
    const known = Object.keys(types).join(', ');

    return { ok: false, reason: `unknown ${field} ${JSON.stringify(name)}; known: ${known}` };
  }

  return parseAs(type, raw);
}

function isPlainObject(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

/** Flattens nested validation errors into `field: problem` lines. */
export function describe(errors: ValidationError[], prefix = ''): string {
  return flattenValidationErrors(errors, prefix).join('; ');
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((text) =>
      text.startsWith(error.property) ? `${prefix ? prefix + '.' : ''}${text}` : `${path}: ${text}`,
    );

    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}
