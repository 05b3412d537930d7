import { DockerError } from './docker-error';
import { describeEngineAddress, parseEngineAddress } from './engine-address';

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
