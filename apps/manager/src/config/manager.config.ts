import {
  IsIn,
  IsInt,
  IsIP,
  IsNumber,
  IsOptional,
  Matches,
  Max,
  Min,
} from 'class-validator';

import { EnvSchema, firstExternalIpv4, loadConfig } from '@hms/config';

import { NotLessThan } from './not-less-than';

/** `key=value`; the key as Docker allows label keys. */
const LABEL_SELECTOR = /^[A-Za-z0-9][A-Za-z0-9_.\-/]*=[^\s,]*$/;
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9_.\-/]*$/;

/** Everything a manager can be told through its environment, validated once at start. */
export class ManagerConfig {
  /** @default 'amqp://guest:guest@127.0.0.1:5672' */
  @Matches(/^amqps?:\/\/\S+$/, { message: 'must be an amqp:// or amqps:// URL' })
  amqpUrl = 'amqp://guest:guest@127.0.0.1:5672';

  /** Prefix of every exchange and queue, so HMS installations share a broker. */
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, {
    message: 'must be 1-64 letters, digits, _ or -, starting with a letter or digit',
  })
  namespace = 'hms';

  /** The manager's identity and unicast routing key. @default the first external IPv4 */
  @IsIP(4, {
    message: "must be this host's IPv4 address (no external IPv4 to default to)",
  })
  hostAddress = firstExternalIpv4() ?? '';

  /** Socket path or DOCKER_HOST-like URL. @default '/var/run/docker.sock' */
  @Matches(/^(\/\S+|unix:\/\/\/\S+|(tcp|https?):\/\/[^\s/:]+:\d{1,5}\/?)$/, {
    message:
      'must be a socket path, unix:///path, tcp://host:port or http(s)://host:port',
  })
  dockerSocket = '/var/run/docker.sock';

  /**
   * The ID (`docker info`) of the engine the manager was deployed through:
   * the controller sets it so that a manager handed another engine's socket
   * stops instead of supervising the wrong host. Unset, any engine will do.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9:-]{0,127}$/, {
    message: "must be an engine's ID as docker info shows it",
  })
  expectedEngineId?: string;

  /** That engine's data root, which tells apart engines sharing an ID. */
  @IsOptional()
  @Matches(/^\/[^\n]*$/, { message: 'must be an absolute path' })
  expectedEngineRoot?: string;

  /** Packet loss (%) above which a container is restarted. @default 25 */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  threshold = 25;

  /** @default 20 */
  @IsInt()
  @Min(1)
  @Max(1000)
  probeCount = 20;

  /** @default 10 */
  @IsInt()
  @Min(1)
  @Max(10_000)
  probeIntervalMs = 10;

  /** @default 100 */
  @IsInt()
  @Min(1)
  @Max(60_000)
  probeTimeoutMs = 100;

  /** Containers probed at once. @default 32 */
  @IsInt()
  @Min(1)
  @Max(1024)
  probeConcurrency = 32;

  /**
   * Pause between two probe cycles. A cycle of 20 echoes takes about 0.3 s,
   * so loss is noticed about 0.4 s after it starts, at ~37 echoes a second
   * per container. @default 250
   */
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  probePeriodMs = 250;

  /** @default 5000 */
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  relistIntervalMs = 5000;

  /** @default 2000 */
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  heartbeatIntervalMs = 2000;

  /** @default 1000 */
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  restartBackoffBaseMs = 1000;

  /** @default 60000 */
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  @NotLessThan('restartBackoffBaseMs', {
    message: 'must not be less than HMS_RESTART_BACKOFF_BASE_MS',
  })
  restartBackoffMaxMs = 60_000;

  /** Up this long after a restart, a container starts its backoff afresh. @default 30000 */
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  restartResetMs = 30_000;

  /**
   * A container first seen already exited is restarted only when it exited at
   * most this long before: one that died while its manager was down or being
   * replaced is healed; a job that finished long ago stays down until it runs
   * again. @default 600000
   */
  @IsInt()
  @Min(0)
  @Max(315_360_000_000)
  restartExitedWithinMs = 600_000;

  /** Seconds from SIGTERM to SIGKILL when restarting a running container. @default 5 */
  @IsInt()
  @Min(0)
  @Max(300)
  restartStopTimeoutS = 5;

  /** `key=value`: when set, only containers with that label are known at all. */
  @IsOptional()
  @Matches(LABEL_SELECTOR, { message: 'must be key=value, e.g. hms.test=run-42' })
  scopeLabel?: string;

  /** Label whose value `true` makes a container ignored. @default 'hms.ignore' */
  @Matches(LABEL_KEY, { message: 'must be a Docker label key such as hms.ignore' })
  ignoreLabel = 'hms.ignore';

  /** @default 'text' */
  @IsIn(['text', 'json'])
  logFormat: 'text' | 'json' = 'text';
}

export const MANAGER_ENV_SCHEMA: EnvSchema<ManagerConfig> = {
  amqpUrl: { variable: 'HMS_AMQP_URL' },
  namespace: { variable: 'HMS_NAMESPACE' },
  hostAddress: { variable: 'HMS_HOST_ADDRESS' },
  dockerSocket: { variable: 'HMS_DOCKER_SOCKET' },
  expectedEngineId: { variable: 'HMS_EXPECTED_ENGINE_ID' },
  expectedEngineRoot: { variable: 'HMS_EXPECTED_ENGINE_ROOT' },
  threshold: { variable: 'HMS_THRESHOLD', parse: 'number' },
  probeCount: { variable: 'HMS_PROBE_COUNT', parse: 'number' },
  probeIntervalMs: { variable: 'HMS_PROBE_INTERVAL_MS', parse: 'number' },
  probeTimeoutMs: { variable: 'HMS_PROBE_TIMEOUT_MS', parse: 'number' },
  probeConcurrency: { variable: 'HMS_PROBE_CONCURRENCY', parse: 'number' },
  probePeriodMs: { variable: 'HMS_PROBE_PERIOD_MS', parse: 'number' },
  relistIntervalMs: { variable: 'HMS_RELIST_INTERVAL_MS', parse: 'number' },
  heartbeatIntervalMs: { variable: 'HMS_HEARTBEAT_INTERVAL_MS', parse: 'number' },
  restartBackoffBaseMs: { variable: 'HMS_RESTART_BACKOFF_BASE_MS', parse: 'number' },
  restartBackoffMaxMs: { variable: 'HMS_RESTART_BACKOFF_MAX_MS', parse: 'number' },
  restartResetMs: { variable: 'HMS_RESTART_RESET_MS', parse: 'number' },
  restartExitedWithinMs: { variable: 'HMS_RESTART_EXITED_WITHIN_MS', parse: 'number' },
  restartStopTimeoutS: { variable: 'HMS_RESTART_STOP_TIMEOUT_S', parse: 'number' },
  scopeLabel: { variable: 'HMS_SCOPE_LABEL' },
  ignoreLabel: { variable: 'HMS_IGNORE_LABEL' },
  logFormat: { variable: 'HMS_LOG_FORMAT' },
};

/** Reads and validates the environment; a ConfigError lists every bad variable. */
export function loadManagerConfig(env: NodeJS.ProcessEnv = process.env): ManagerConfig {
  return loadConfig(ManagerConfig, MANAGER_ENV_SCHEMA, env);
}
