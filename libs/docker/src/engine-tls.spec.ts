import { TlsMaterial, makeTlsMaterial } from '@hms/testing';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DockerError } from './docker-error';
import { readEngineTls } from './engine-tls';

describe('readEngineTls', () => {
  let root: string;
  let material: TlsMaterial;
  let other: TlsMaterial;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'hms-engine-tls-'));
    material = makeTlsMaterial(join(root, 'first'));
    other = makeTlsMaterial(join(root, 'second'));
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** A folder holding copies of the client files, `changes` applied on top. */
  function folderWith(name: string, changes: Record<string, string | null> = {}): string {
    const folder = join(root, name);
    execFileSync('cp', ['-r', material.clientFolder, folder]);
    for (const [file, content] of Object.entries(changes)) {
      if (content === null) {
        rmSync(join(folder, file));
      } else {
        writeFileSync(join(folder, file), content);
      }
    }

    return folder;
  }

  async function refusal(certPath: string): Promise<DockerError> {
    const error = await readEngineTls(certPath).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DockerError);
    expect((error as DockerError).code).toBe('INVALID_TLS');

    return error as DockerError;
  }

  it('reads the three PEM files of a DOCKER_CERT_PATH-like folder', async () => {
    const tls = await readEngineTls(material.clientFolder);

    expect(tls.certPath).toBe(material.clientFolder);
    expect(tls.ca).toContain('BEGIN CERTIFICATE');
    expect(tls.cert).toContain('BEGIN CERTIFICATE');
    expect(tls.key).toContain('PRIVATE KEY');
  });

  it('refuses a relative path', async () => {
    expect((await refusal('certs/vm1')).message).toContain('absolute path');
  });

  it('refuses a folder that does not exist, naming it', async () => {
    const error = await refusal(join(root, 'absent'));

    expect(error.message).toContain(join(root, 'absent'));
    expect(error.message).toContain('the folder does not exist');
  });

  it('refuses a file given as the folder', async () => {
    const error = await refusal(join(material.clientFolder, 'ca.pem'));

    expect(error.message).toContain('not a folder');
  });

  it('lists every missing file at once', async () => {
    const error = await refusal(
      folderWith('missing', { 'ca.pem': null, 'key.pem': null }),
    );

    expect(error.message).toContain('ca.pem does not exist; key.pem does not exist');
    expect(error.message).not.toContain('cert.pem does not exist');
  });

  it('refuses a certificate that is not PEM', async () => {
    const error = await refusal(folderWith('not-pem', { 'cert.pem': 'hello\n' }));

    expect(error.message).toContain('cert.pem is not a PEM certificate');
  });

  it("refuses a key that is not the certificate's", async () => {
    const folder = folderWith('mismatch');
    copyFileSync(join(other.clientFolder, 'key.pem'), join(folder, 'key.pem'));

    expect((await refusal(folder)).message).toContain(
      'key.pem is not the private key of cert.pem',
    );
  });

  it('refuses an expired certificate, saying when it expired', async () => {
    const inThreeDays = Date.now() + 3 * 24 * 3600_000;
    jest.spyOn(Date, 'now').mockReturnValue(inThreeDays);

    try {
      expect((await refusal(material.clientFolder)).message).toMatch(
        /ca\.pem expired on /,
      );
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('refuses an encrypted key, which neither dockerd nor the docker CLI can use', async () => {
    const folder = folderWith('encrypted');
    execFileSync('openssl', [
      'pkey',
      '-in',
      join(material.clientFolder, 'key.pem'),
      '-aes256',
      '-passout',
      'pass:secret',
      '-out',
      join(folder, 'key.pem'),
    ]);

    expect((await refusal(folder)).message).toContain('key.pem is encrypted');
  });
});
