import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { HistoryDatabase, openHistoryDatabase } from '../history/history-database';
import { DeploymentRepository, ManagerDeployment } from './deployment.repository';

const OVER_SOCKET: ManagerDeployment = {
  address: '10.213.0.12',
  engine: 'unix:///run/hms/docker-vm2.sock',
  engineSocket: '/run/hms/docker-vm2.sock',
  containerName: 'hms-manager-hms',
  deployedAt: 1_700_000_000_000,
};
const OVER_TLS: ManagerDeployment = {
  address: '10.213.0.13',
  engine: 'tcp://10.213.0.13:2376',
  engineSocket: '/run/hms/docker-vm3.sock',
  tlsCertPath: '/run/hms/hosts/vm3/tls/client',
  containerName: 'hms-manager-hms',
  deployedAt: 1_700_000_000_000,
};

/** Against a real SQLite file in a temp folder, as the controller uses it. */
describe('DeploymentRepository', () => {
  let folder: string;
  let path: string;
  let database: HistoryDatabase;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'hms-deployments-'));
    path = join(folder, 'history.sqlite');
    database = openHistoryDatabase(path);
  });

  afterEach(() => {
    database.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('keeps the TLS folder of a deployment across a reopening, and none for a socket', () => {
    new DeploymentRepository(database).save(OVER_TLS);
    new DeploymentRepository(database).save(OVER_SOCKET);
    database.close();
    database = openHistoryDatabase(path);

    const reopened = new DeploymentRepository(database);

    expect(reopened.find(OVER_TLS.address)).toEqual(OVER_TLS);
    expect(reopened.find(OVER_SOCKET.address)).toEqual(OVER_SOCKET);
  });

  it('adds the TLS column to a database written before TLS endpoints existed', () => {
    database.exec(
      `CREATE TABLE manager_deployments (
         address TEXT PRIMARY KEY, engine TEXT NOT NULL, engine_socket TEXT NOT NULL,
         container_name TEXT NOT NULL, deployed_at INTEGER NOT NULL
       ) WITHOUT ROWID`,
    );
    database
      .prepare('INSERT INTO manager_deployments VALUES (?, ?, ?, ?, ?)')
      .run(
        '10.213.0.12',
        OVER_SOCKET.engine,
        OVER_SOCKET.engineSocket,
        'hms-manager-hms',
        1_700_000_000_000,
      );

    const sut = new DeploymentRepository(database);
    sut.save(OVER_TLS);

    expect(sut.list()).toEqual([OVER_SOCKET, OVER_TLS]);
  });
});
