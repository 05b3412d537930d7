import { Inject, Injectable } from '@nestjs/common';
import type { Statement } from 'better-sqlite3';

import { HistoryDatabase, useDatabase } from '../history/history-database';
import { HISTORY_DATABASE } from '../history/history.module-definition';

/** A manager the controller deployed, as it is saved beside the desired state. */
export interface ManagerDeployment {
  readonly address: string;
  readonly engine: string;
  readonly engineSocket: string;

  /** The TLS folder for a --tlsverify engine: only its path is stored, never a key. */
  readonly tlsCertPath?: string;
  readonly containerName: string;

  /** When it was last deployed (ms since epoch). */
  readonly deployedAt: number;
}

interface DeploymentRow {
  address: string;
  engine: string;
  engine_socket: string;
  tls_cert_path: string | null;
  container_name: string;
  deployed_at: number;
}

/**
 * The deployed managers in the controller's database, so a restarted
 * controller still knows each host's engine endpoint and keeps supervising
 * its manager. The table is created here when missing: it belongs to the
 * deployment alone.
 */
@Injectable()
export class DeploymentRepository {
  private readonly selectAll: Statement<[], DeploymentRow>;
  private readonly upsert: Statement<[DeploymentRow]>;
  private readonly deleteOne: Statement<[string]>;

  constructor(@Inject(HISTORY_DATABASE) private readonly database: HistoryDatabase) {
    database.exec(
      `CREATE TABLE IF NOT EXISTS manager_deployments (
         address TEXT PRIMARY KEY,
         engine TEXT NOT NULL,
         engine_socket TEXT NOT NULL,
         tls_cert_path TEXT,
         container_name TEXT NOT NULL,
         deployed_at INTEGER NOT NULL
       ) WITHOUT ROWID`,
    );
    addTlsColumnIfMissing(database);
    this.selectAll = database.prepare<[], DeploymentRow>(
      'SELECT * FROM manager_deployments ORDER BY address',
    );
    this.upsert = database.prepare<[DeploymentRow]>(
      `INSERT INTO manager_deployments
         (address, engine, engine_socket, tls_cert_path, container_name, deployed_at)
       VALUES (@address, @engine, @engine_socket, @tls_cert_path, @container_name,
               @deployed_at)
       ON CONFLICT (address) DO UPDATE
         SET engine = excluded.engine, engine_socket = excluded.engine_socket,
             tls_cert_path = excluded.tls_cert_path,
             container_name = excluded.container_name, deployed_at = excluded.deployed_at`,
    );
    this.deleteOne = database.prepare<[string]>(
      'DELETE FROM manager_deployments WHERE address = ?',
    );
  }

  list(): ManagerDeployment[] {
    return useDatabase(this.database, () => this.selectAll.all().map(fromRow));
  }

  find(address: string): ManagerDeployment | undefined {
    return this.list().find((deployment) => deployment.address === address);
  }

  save(deployment: ManagerDeployment): void {
    useDatabase(this.database, () => this.upsert.run(toRow(deployment)));
  }

  delete(address: string): void {
    useDatabase(this.database, () => this.deleteOne.run(address));
  }
}

/** Databases written before TLS endpoints existed lack the column. */
function addTlsColumnIfMissing(database: HistoryDatabase): void {
  const columns = database
    .prepare<[], { name: string }>('PRAGMA table_info(manager_deployments)')
    .all();

  if (!columns.some((column) => column.name === 'tls_cert_path')) {
    database.exec('ALTER TABLE manager_deployments ADD COLUMN tls_cert_path TEXT');
  }
}

function fromRow(row: DeploymentRow): ManagerDeployment {
  const deployment = {
    address: row.address,
    engine: row.engine,
    engineSocket: row.engine_socket,
    containerName: row.container_name,
    deployedAt: row.deployed_at,
  };

  return row.tls_cert_path === null
    ? deployment
    : { ...deployment, tlsCertPath: row.tls_cert_path };
}

function toRow(deployment: ManagerDeployment): DeploymentRow {
  return {
    address: deployment.address,
    engine: deployment.engine,
    engine_socket: deployment.engineSocket,
    tls_cert_path: deployment.tlsCertPath ?? null,
    container_name: deployment.containerName,
    deployed_at: deployment.deployedAt,
  };
}
