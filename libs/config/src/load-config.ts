import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import { ConfigError } from './config-error';

/**
 * Describes one setting: the environment variable it comes from and how to
 * turn the text into a value. Defaults live on the config class itself.
 */
export interface EnvBinding {
  readonly variable: string;
  readonly parse?: 'number' | 'boolean' | 'string' | 'list';
  readonly secret?: boolean;
}

export type EnvSchema<T> = { readonly [K in keyof T]?: EnvBinding };

/**
 * Reads `schema`'s variables from `env` into a validated instance of `type`.
 * Every bad variable is reported at once, with secrets masked, so an operator
 * fixes them in one go.
 */
export function loadConfig<T extends object>(
  type: new () => T,
  schema: EnvSchema<T>,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const problems: string[] = [];
  const raw: Record<string, unknown> = {};

  for (const [key, binding] of Object.entries(schema) as [string, EnvBinding][]) {
    const text = env[binding.variable];
    if (text === undefined || text === '') {
      continue;
    }

    const value = parseText(text, binding.parse ?? 'string');
    if (value === undefined) {
      problems.push(
        `${binding.variable}=${shown(text, binding)}: expected a ${binding.parse}`,
      );
      continue;
    }
    raw[key] = value;
  }

  const config = Object.assign(new type(), plainToInstance(type, raw));
  for (const error of validateSync(config, { forbidUnknownValues: true })) {
    const binding = (schema as Record<string, EnvBinding | undefined>)[error.property];
    const variable = binding?.variable ?? error.property;
    const value = shown(String(error.value), binding);
    const reasons = Object.values(error.constraints ?? {}).join(', ');
    problems.push(`${variable}=${value}: ${reasons}`);
  }

  if (problems.length > 0) {
    throw new ConfigError(problems);
  }

  return config;
}

function parseText(text: string, kind: NonNullable<EnvBinding['parse']>): unknown {
  switch (kind) {
    case 'number': {
      const value = Number(text.trim());

      return text.trim() !== '' && Number.isFinite(value) ? value : undefined;
    }
    case 'boolean':
      return { true: true, '1': true, false: false, '0': false }[
        text.trim().toLowerCase()
      ];
    case 'list':
      return text
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
    case 'string':
      return text;
  }
}

function shown(text: string, binding: EnvBinding | undefined): string {
  if (binding?.secret) {
    return '****';
  }

  return maskUrlPassword(text);
}

/** Hides the password of a URL such as amqp://user:secret@host. */
export function maskUrlPassword(text: string): string {
  return text.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1****@');
}
