import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Statement, Transaction } from 'better-sqlite3';
import { isIPv4 } from 'node:net';

import { HistoryDatabase, useDatabase } from '../history/history-database';
import { HISTORY_DATABASE } from '../history/history.module-definition';
import { DesiredHostConfig } from './host-state';

/** One host as the operator wants it, as it is saved. */
export interface SavedHost {
  readonly address: string;
  readonly desired: DesiredHostConfig;

  /**
   * Names of the ignored containers by their ID in the ignore list: managers
   * list an ignored container by short ID only, and the operator still
   * refers to it by name after a restart.
   */
  readonly ignoredNames: Readonly<Record<string, string>>;

  /** When the host was added or joined (ms since epoch); kept from its first save. */
  readonly addedAt: number;
}

/** Everything a restarted controller takes back. */
export interface SavedDesiredState {
  readonly hosts: SavedHost[];

  /** Hosts an operator removed: their managers' heartbeats stay ignored. */
  readonly removed: string[];
}

interface HostRow {
  address: string;
  threshold: number;
  ignored: string;
  ignored_names: string;
  added_at: number;
}

interface HostParams {
  address: string;
  threshold: number;
  ignored: string;
  ignoredNames: string;
  addedAt: number;
}

/**
 * The operator's desired configuration in the controller's SQLite database
 * (the history's file): the hosts with their threshold and ignore list, and
 * the hosts removed from supervision. Every write is one transaction; every
 * failure is a HistoryError naming the file.
 */
@Injectable()
export class DesiredStateRepository {
  private readonly logger = new Logger(DesiredStateRepository.name);
  private readonly selectHosts: Statement<[], HostRow>;
  private readonly selectRemoved: Statement<[], string>;
  private readonly writeHosts: Transaction<(hosts: readonly SavedHost[]) => void>;
  private readonly writeRemoval: Transaction<(address: string, at: number) => void>;

  constructor(@Inject(HISTORY_DATABASE) private readonly database: HistoryDatabase) {
    this.selectHosts = database.prepare<[], HostRow>(
      `SELECT address, threshold, ignored, ignored_names, added_at
       FROM desired_hosts ORDER BY address`,
    );
    this.selectRemoved = database
      .prepare<[], string>('SELECT address FROM removed_hosts ORDER BY address')
      .pluck();

    // A host saved again keeps the time it was first added.
    const upsertHost = database.prepare<[HostParams]>(
      `INSERT INTO desired_hosts (address, threshold, ignored, ignored_names, added_at)
       VALUES (@address, @threshold, @ignored, @ignoredNames, @addedAt)
       ON CONFLICT (address) DO UPDATE
         SET threshold = excluded.threshold, ignored = excluded.ignored,
             ignored_names = excluded.ignored_names`,
    );
    const forgetRemoval = database.prepare('DELETE FROM removed_hosts WHERE address = ?');
    const deleteHost = database.prepare('DELETE FROM desired_hosts WHERE address = ?');
    const recordRemoval = database.prepare(
      `INSERT INTO removed_hosts (address, removed_at) VALUES (?, ?)
       ON CONFLICT (address) DO UPDATE SET removed_at = excluded.removed_at`,
    );

    this.writeHosts = database.transaction((hosts: readonly SavedHost[]) => {
      for (const host of hosts) {
        upsertHost.run(toParams(host));
        forgetRemoval.run(host.address);
      }
    });
    this.writeRemoval = database.transaction((address: string, at: number) => {
      deleteHost.run(address);
      recordRemoval.run(address, at);
    });
  }

  /** What was saved; a row that cannot be read is left out with a warning. */
  load(): SavedDesiredState {
    return useDatabase(this.database, () => ({
      hosts: this.selectHosts.all().flatMap((row) => this.read(row)),
      removed: this.selectRemoved.all(),
    }));
  }

  /** Saves the hosts' desired configuration; a host saved is no longer a removed one. */
  saveHosts(hosts: readonly SavedHost[]): void {
    useDatabase(this.database, () => this.writeHosts(hosts));
  }

  /** Forgets the host's configuration and remembers that it was removed. */
  saveRemoval(address: string, at = Date.now()): void {
    useDatabase(this.database, () => this.writeRemoval(address, at));
  }

  private read(row: HostRow): SavedHost[] {
    const ignored = parseJson(row.ignored, isStringArray);
    const ignoredNames = parseJson(row.ignored_names, isStringRecord);
    if (!isIPv4(row.address) || ignored === undefined || ignoredNames === undefined) {
      this.logger.warn(
        `left out the saved host ${row.address}: its row is malformed ` +
          `(ignored=${row.ignored}, ignored_names=${row.ignored_names}); ` +
          'add it again with PUT /containers/{address}',
      );

      return [];
    }

    const desired = { threshold: row.threshold, ignored };

    return [{ address: row.address, desired, ignoredNames, addedAt: row.added_at }];
  }
}

function toParams(host: SavedHost): HostParams {
  return {
    address: host.address,
    threshold: host.desired.threshold,
    ignored: JSON.stringify(host.desired.ignored),
    ignoredNames: JSON.stringify(host.ignoredNames),
    addedAt: host.addedAt,
  };
}

function parseJson<T>(
  text: string,
  isValid: (value: unknown) => value is T,
): T | undefined {
  try {
    const value: unknown = JSON.parse(text);

    return isValid(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((item) => typeof item === 'string')
  );
}
