import { DockerError } from './docker-error';
import {
  describeEngineAddress,
  dockerodeOptions,
  parseEngineAddress,
  requireTlsCapable,
} from './engine-address';
import { EngineTls } from './engine-tls';

const TLS: EngineTls = {
  certPath: '/etc/hms/engines/vm1',
  ca: 'CA PEM',
  cert: 'CERT PEM',
  key: 'KEY PEM',
};

describe('parseEngineAddress', () => {
  it.each([
    ['/var/run/docker.sock', { socketPath: '/var/run/docker.sock' }],
    ['unix:///run/docker-vm1.sock', { socketPath: '/run/docker-vm1.sock' }],
    ['tcp://127.0.0.1:2375', { host: '127.0.0.1', port: 2375, protocol: 'http' }],
    [
      'https://docker.local:2376',
      { host: 'docker.local', port: 2376, protocol: 'https' },
    ],
  ])('reads %s', (text, expected) => {
    expect(parseEngineAddress(text)).toEqual(expected);
  });

  it.each([
    'docker.sock',
    'unix://relative.sock',
    'tcp://host',
    'tcp://host:99999',
    'ftp://x:1',
  ])('refuses %s with a DockerError saying what is expected', (text) => {
    const parse = () => parseEngineAddress(text);

    expect(parse).toThrow(DockerError);
    expect(parse).toThrow(/INVALID_ADDRESS/);
  });

  it('describes an address for log lines', () => {
    expect(describeEngineAddress(parseEngineAddress('/var/run/docker.sock'))).toBe(
      'unix:///var/run/docker.sock',
    );
  });
});

describe('engine addresses with TLS', () => {
  it.each(['tcp://10.213.0.11:2376', 'https://10.213.0.11:2376'])(
    'reaches %s over https with the CA and client certificate',
    (text) => {
      const options = dockerodeOptions(parseEngineAddress(text, TLS), 5000);

      expect(options).toEqual({
        host: '10.213.0.11',
        port: 2376,
        protocol: 'https',
        ca: 'CA PEM',
        cert: 'CERT PEM',
        key: 'KEY PEM',
        timeout: 5000,
      });
    },
  );

  it('names the TLS folder, never the key, in descriptions', () => {
    const described = describeEngineAddress(
      parseEngineAddress('tcp://10.213.0.11:2376', TLS),
    );

    expect(described).toBe('https://10.213.0.11:2376 (TLS, /etc/hms/engines/vm1)');
    expect(described).not.toContain('KEY');
  });

  it.each([
    ['/run/docker.sock', /tcp:\/\/ engines only/],
    ['unix:///run/docker.sock', /tcp:\/\/ engines only/],
    ['http://10.213.0.11:2376', /http:\/\/ means no TLS/],
    ['tcp://10.213.0.11', /expected a socket path/],
  ])('refuses TLS for %s', (text, reason) => {
    expect(() => requireTlsCapable(text)).toThrow(reason);
    expect(() => parseEngineAddress(text, TLS)).toThrow(DockerError);
  });
});
