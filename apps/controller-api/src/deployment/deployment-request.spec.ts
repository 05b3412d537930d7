import { TlsMaterial, makeTlsMaterial } from '@hms/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { InvalidInputError } from '../errors/controller-error';
import { deploymentTarget } from './deployment-request';
import { ManagerDeploymentDto } from './manager-deployment.dto';

const ADDRESS = '10.213.0.13';

describe('deploymentTarget', () => {
  let root: string;
  let material: TlsMaterial;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'hms-deployment-request-'));
    material = makeTlsMaterial(root, ADDRESS);
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  async function refusal(request: ManagerDeploymentDto): Promise<string[]> {
    const error = await deploymentTarget(ADDRESS, request).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InvalidInputError);

    return (error as InvalidInputError).details ?? [];
  }

  it('keeps only the TLS folder of a TLS engine, never its files', async () => {
    const target = await deploymentTarget(ADDRESS, {
      engine: 'tcp://10.213.0.13:2376',
      engineSocket: '/run/hms/docker-vm3.sock',
      tls: { certPath: material.clientFolder },
    });

    expect(target).toEqual({
      address: ADDRESS,
      engine: 'tcp://10.213.0.13:2376',
      engineSocket: '/run/hms/docker-vm3.sock',
      tlsCertPath: material.clientFolder,
    });
  });

  it('takes a unix engine without TLS, its socket mounted into the manager', async () => {
    const target = await deploymentTarget(ADDRESS, {
      engine: 'unix:///run/hms/docker-vm3.sock',
    });

    expect(target).toEqual({
      address: ADDRESS,
      engine: 'unix:///run/hms/docker-vm3.sock',
      engineSocket: '/run/hms/docker-vm3.sock',
    });
  });

  it('needs an engine', async () => {
    expect(await refusal({ tls: { certPath: material.clientFolder } })).toEqual([
      'engine is required to deploy a manager',
    ]);
  });

  it('refuses TLS for a unix socket before it reads any file', async () => {
    const [detail] = await refusal({
      engine: 'unix:///run/hms/docker-vm3.sock',
      tls: { certPath: '/no/such/folder' },
    });

    expect(detail).toMatch(/^tls: .*TLS applies to tcp:\/\/ engines only/);
  });

  it('refuses TLS for an http:// engine', async () => {
    const [detail] = await refusal({
      engine: 'http://10.213.0.13:2376',
      tls: { certPath: material.clientFolder },
    });

    expect(detail).toContain('http:// means no TLS');
  });

  it('refuses a TLS folder that does not exist, naming it', async () => {
    const absent = join(root, 'absent');

    const [detail] = await refusal({
      engine: 'tcp://10.213.0.13:2376',
      tls: { certPath: absent },
    });

    expect(detail).toMatch(/^tls\.certPath: /);
    expect(detail).toContain(`"${absent}"`);
    expect(detail).toContain('does not exist');
  });

  it('refuses a folder without the client files', async () => {
    const [detail] = await refusal({
      engine: 'tcp://10.213.0.13:2376',
      tls: { certPath: root },
    });

    expect(detail).toContain('cert.pem does not exist; key.pem does not exist');
  });
});
