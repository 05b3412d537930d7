import { EnvSchema, firstExternalIpv4, loadConfig } from '@hms/config';
import { DEFAULT_NAMESPACE } from '@hms/contracts';
import {
  IsInt,
  IsIP,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';

/** A Docker label filter as `key=value`. */
const SCOPE_LABEL_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.\-/]*=[^\s]*$/;

/** The antagonist's settings, read once at start-up from the environment. */
export class AntagonistConfig {
  /** @default 'amqp://guest:guest@127.0.0.1:5672' */
  @IsString()
  @Matches(/^amqps?:\/\//, { message: 'must be an amqp:// or amqps:// URL' })
  amqpUrl = 'amqp://guest:guest@127.0.0.1:5672';

  /** Prefix of every exchange and queue, shared with the controller. @default 'hms' */
  @IsString()
  @Matches(/^[a-zA-Z0-9_-]{1,64}$/, { message: 'must be 1-64 letters, digits, _ or -' })
  namespace = DEFAULT_NAMESPACE;

  /** This host's identity, the same as its manager's. @default the first external IPv4 */
  @IsIP(4, {
    message:
      'must be the IPv4 address its manager uses (no external IPv4 found to default to)',
  })
  hostAddress = firstExternalIpv4() ?? '';

  /** @default '/var/run/docker.sock' */
  @IsString()
  @IsNotEmpty()
  dockerSocket = '/var/run/docker.sock';

  /** When set (`key=value`), only containers with that label are attacked. */
  @IsOptional()
  @Matches(SCOPE_LABEL_PATTERN, { message: 'must be key=value, e.g. hms.test=run-42' })
  scopeLabel?: string;

  /** Seed of the random source; unset draws from Math.random. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(4294967295)
  seed?: number;

  /**
   * A started campaign stops by itself after this long, so a forgotten
   * antagonist cannot attack a host for ever. @default 7200
   */
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 3600)
  maxRunSeconds = 7200;

  /** Deadline of each nsenter / docker call. @default 10000 */
  @IsInt()
  @Min(100)
  @Max(120_000)
  commandTimeoutMs = 10_000;
}

const ANTAGONIST_ENV: EnvSchema<AntagonistConfig> = {
  amqpUrl: { variable: 'HMS_AMQP_URL' },
  namespace: { variable: 'HMS_NAMESPACE' },
  hostAddress: { variable: 'HMS_HOST_ADDRESS' },
  dockerSocket: { variable: 'HMS_DOCKER_SOCKET' },
  scopeLabel: { variable: 'HMS_SCOPE_LABEL' },
  seed: { variable: 'HMS_ANTAGONIST_SEED', parse: 'number' },
  maxRunSeconds: { variable: 'HMS_ANTAGONIST_MAX_RUN_SECONDS', parse: 'number' },
  commandTimeoutMs: { variable: 'HMS_ANTAGONIST_COMMAND_TIMEOUT_MS', parse: 'number' },
};

export function loadAntagonistConfig(
  env: NodeJS.ProcessEnv = process.env,
): AntagonistConfig {
  return loadConfig(AntagonistConfig, ANTAGONIST_ENV, env);
}
