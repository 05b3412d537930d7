import { EnvSchema, loadConfig } from '@hms/config';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

/**
 * Everything the controller reads from its environment, validated once at
 * start-up. Defaults are the field initialisers; `loadControllerConfig` lists
 * every bad variable at once.
 */
export class ControllerConfig {
  /** Broker URL. @default amqp://guest:guest@127.0.0.1:5672 */
  @IsString()
  @Matches(/^amqps?:\/\/\S+$/, { message: 'amqpUrl must be an amqp:// or amqps:// URL' })
  amqpUrl = 'amqp://guest:guest@127.0.0.1:5672';

  /** Prefix of every exchange, so installations sharing a broker stay apart. @default hms */
  @Matches(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,99}$/, {
    message: 'namespace must be letters, digits, dot, dash or underscore (at most 100)',
  })
  namespace = 'hms';

  /** Interface the REST API listens on. @default 127.0.0.1 */
  @IsString()
  @IsNotEmpty()
  httpHost = '127.0.0.1';

  /** Port of the REST API; 0 picks a free one. @default 3000 */
  @IsInt()
  @Min(0)
  @Max(65535)
  httpPort = 3000;

  /** Sender address put in every command, the controller's identity. @default controller */
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  controllerAddress = 'controller';

  /** How long update notices are gathered before content is asked for. @default 500 */
  @IsInt()
  @Min(0)
  @Max(60_000)
  aggregationWindowMs = 500;

  /** How long a manager has to answer a command. @default 3000 */
  @IsInt()
  @Min(100)
  @Max(120_000)
  rpcTimeoutMs = 3000;

  /** Heartbeat period the managers use. @default 2000 */
  @IsInt()
  @Min(100)
  @Max(600_000)
  heartbeatIntervalMs = 2000;

  /** A host is unreachable after this many heartbeat periods without one. @default 3 */
  @IsInt()
  @Min(1)
  @Max(100)
  missedHeartbeats = 3;

  /** Packet loss threshold (%) a new host starts with. @default 25 */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  defaultThreshold = 25;

  /** SQLite file of the history; `:memory:` keeps it in memory. @default /var/lib/hms/history.sqlite */
  @IsString()
  @IsNotEmpty()
  historyDb = '/var/lib/hms/history.sqlite';

  /** History events older than this many days are deleted. @default 30 */
  @IsInt()
  @Min(1)
  @Max(3650)
  historyRetentionDays = 30;

  /** Only the newest this many history events are kept. @default 100000 */
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  historyMaxEvents = 100_000;

  /** Log lines as text for people or JSON for collectors. @default text */
  @IsIn(['text', 'json'])
  logFormat: 'text' | 'json' = 'text';

  /** Image of the managers the controller deploys on hosts. @default hms/manager:latest */
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._/:@-]{0,254}$/, {
    message: 'managerImage must be an image reference such as hms/manager:latest',
  })
  managerImage = 'hms/manager:latest';

  /**
   * The engine the manager image is copied from when a host lacks it: a
   * socket path or DOCKER_HOST-like URL. @default /var/run/docker.sock
   */
  @IsString()
  @IsNotEmpty()
  managerImageSource = '/var/run/docker.sock';

  /**
   * Broker URL that deployed managers use: the controller's own URL often
   * names loopback, which a manager on another host cannot reach.
   * @default amqpUrl
   */
  @IsOptional()
  @Matches(/^amqps?:\/\/\S+$/, {
    message: 'managerAmqpUrl must be an amqp:// or amqps:// URL',
  })
  managerAmqpUrl?: string;

  /** Scope label (`key=value`) given to deployed managers; unset, they supervise every container. */
  @IsOptional()
  @Matches(/^[^=\s]+=[^\s]*$/, { message: 'managerScopeLabel must be key=value' })
  managerScopeLabel?: string;

  /**
   * How long a deployed manager has to announce itself before the controller
   * restarts it. @default 60000
   */
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  managerStartGraceMs = 60_000;
}

export const CONTROLLER_ENV: EnvSchema<ControllerConfig> = {
  amqpUrl: { variable: 'HMS_AMQP_URL' },
  namespace: { variable: 'HMS_NAMESPACE' },
  httpHost: { variable: 'HMS_HTTP_HOST' },
  httpPort: { variable: 'HMS_HTTP_PORT', parse: 'number' },
  controllerAddress: { variable: 'HMS_CONTROLLER_ADDRESS' },
  aggregationWindowMs: { variable: 'HMS_AGGREGATION_WINDOW_MS', parse: 'number' },
  rpcTimeoutMs: { variable: 'HMS_RPC_TIMEOUT_MS', parse: 'number' },
  heartbeatIntervalMs: { variable: 'HMS_HEARTBEAT_INTERVAL_MS', parse: 'number' },
  missedHeartbeats: { variable: 'HMS_MISSED_HEARTBEATS', parse: 'number' },
  defaultThreshold: { variable: 'HMS_DEFAULT_THRESHOLD', parse: 'number' },
  historyDb: { variable: 'HMS_HISTORY_DB' },
  historyRetentionDays: { variable: 'HMS_HISTORY_RETENTION_DAYS', parse: 'number' },
  historyMaxEvents: { variable: 'HMS_HISTORY_MAX_EVENTS', parse: 'number' },
  logFormat: { variable: 'HMS_LOG_FORMAT' },
  managerImage: { variable: 'HMS_MANAGER_IMAGE' },
  managerImageSource: { variable: 'HMS_MANAGER_IMAGE_SOURCE' },
  managerAmqpUrl: { variable: 'HMS_MANAGER_AMQP_URL', secret: true },
  managerScopeLabel: { variable: 'HMS_MANAGER_SCOPE_LABEL' },
  managerStartGraceMs: { variable: 'HMS_MANAGER_START_GRACE_MS', parse: 'number' },
};

/** Reads and validates the controller's environment; throws a ConfigError naming every bad variable. */
export function loadControllerConfig(
  env: NodeJS.ProcessEnv = process.env,
): ControllerConfig {
  return loadConfig(ControllerConfig, CONTROLLER_ENV, env);
}
