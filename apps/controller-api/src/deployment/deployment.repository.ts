import { Inject, Injectable } from '@nestjs/common';
import type { Statement } from 'better-sqlite3';

import { HistoryDatabase, useDatabase } from '../history/history-database';
import { HISTORY_DATABASE } from '../history/history.module-definition';

/** A manager the controller deployed, as it is saved beside the desired state. */
export interface ManagerDeployment {
  readonly address: string;
  readonly engine: string;
  readonly engineSocket: string;
  readonly containerName: string;

  /** When it was last deployed (ms since epoch). */
  readonly deployedAt: number;
}

interface DeploymentRow {
  address: string;
  engine: string;
  engine_socket: string;
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
         container_name TEXT NOT NULL,
         deployed_at INTEGER NOT NULL
       ) WITHOUT ROWID`,
    );
    this.selectAll = database.prepare<[], DeploymentRow>(
      'SELECT * FROM manager_deployments ORDER BY address',
    );
    this.upsert = database.prepare<[DeploymentRow]>(
      `INSERT INTO manager_deployments
         (address, engine, engine_socket, container_name, deployed_at)
       VALUES (@address, @engine, @engine_socket, @container_name, @deployed_at)
       ON CONFLICT (address) DO UPDATE
         SET engine = excluded.engine, engine_socket = excluded.engine_socket,
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

function fromRow(row: DeploymentRow): ManagerDeployment {
  return {
    address: row.address,
    engine: row.engine,
    engineSocket: row.engine_socket,
    containerName: row.container_name,
    deployedAt: row.deployed_at,
  };
}

function toRow(deployment: ManagerDeployment): DeploymentRow {
  return {
    address: deployment.address,
    engine: deployment.engine,
    engine_socket: deployment.engineSocket,
    container_name: deployment.containerName,
    deployed_at: deployment.deployedAt,
  };
}
