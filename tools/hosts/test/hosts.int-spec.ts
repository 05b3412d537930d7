import { waitFor } from '@hms/testing';

import {
  HostsStatus,
  SimulatedHost,
  hostsCommand,
  hostsJson,
  inHost,
  pingAnswers,
  runCommand,
  succeeds,
  tlsDockerArgs,
} from './hosts-cli';
import {
  ourIptablesRules,
  ourLinks,
  ourMounts,
  ourNamespaces,
  ourProcesses,
  ourRoutes,
  rootIptables,
} from './machine-state';

// Opens one AMQP connection with the URL a manager inside the host gets,
// from inside that host: the user, its password and the route all work.
const AMQP_CONNECT = `
require('amqplib')
  .connect(process.env.HMS_AMQP_URL, { timeout: 5000 })
  .then((connection) => connection.close())
  .then(() => console.log('connected'))
  .catch((error) => { console.error(error.message); process.exit(1); });
`;

function host(status: HostsStatus, index: number): SimulatedHost {
  const found = status.hosts.find((candidate) => candidate.index === index);
  if (!found) {
    throw new Error(`host ${index} is missing from ${JSON.stringify(status.hosts)}`);
  }

  return found;
}

function firstDemoAddress(simulated: SimulatedHost): string {
  const address = simulated.containers.find((container) => container.demo)?.address;
  if (!address) {
    throw new Error(`${simulated.name} has no running demo container with an address`);
  }

  return address;
}

describe('tools/hosts/hosts.sh', () => {
  let iptablesBefore: string[];
  let status: HostsStatus;
  let hostsAreOurs = false;

  beforeAll(async () => {
    const existing = await ourNamespaces();
    if (existing.length > 0) {
      throw new Error(
        `simulated hosts are already up (${existing.join(', ')}): this test would remove ` +
          `someone's hosts; run 'tools/hosts/hosts.sh down' if they are yours`,
      );
    }
    iptablesBefore = await rootIptables();
    hostsAreOurs = true;

    // No host is up, so engine data left by an earlier `down` without --purge
    // is nobody's: clear it, or its containers would come back with the engines.
    await hostsCommand('down', '--purge');
    status = await hostsJson('up', '--count', '3', '--tls');
  });

  // Jest runs afterAll even when beforeAll failed: hosts found already up
  // belong to someone else and stay.
  afterAll(async () => {
    if (hostsAreOurs) {
      await hostsCommand('down', '--purge');
    }
  });

  it('brings up three ready hosts, each with three running idle containers', () => {
    expect(status.hosts.map((simulated) => simulated.name)).toEqual([
      'vm1',
      'vm2',
      'vm3',
    ]);

    for (const simulated of status.hosts) {
      const demo = simulated.containers.filter((container) => container.demo);

      expect(simulated.state).toBe('ready');
      expect(simulated.address).toBe(`10.213.0.${10 + simulated.index}`);
      expect(demo).toHaveLength(3);
      for (const container of demo) {
        expect(container.running).toBe(true);
        expect(container.address).toMatch(
          new RegExp(`^10\\.214\\.${simulated.index}\\.`),
        );
      }
    }
  });

  it("gives each host an engine that lists only that host's containers", async () => {
    for (const simulated of status.hosts) {
      const names = await runCommand('docker', [
        '-H',
        simulated.engine.endpoint,
        'ps',
        '-a',
        '--format',
        '{{.Names}}',
      ]);

      expect(names.trim().split('\n').sort()).toEqual(
        [1, 2, 3].map((number) => `hms-vm${simulated.index}-idle-${number}`),
      );
    }
  });

  it("offers each engine over TLS to clients with that host's certificates only", async () => {
    const first = host(status, 1);
    const second = host(status, 2);
    if (first.engine.tls === null || second.engine.tls === null) {
      throw new Error(`up --tls gave no TLS endpoint: ${JSON.stringify(first.engine)}`);
    }
    const { endpoint, certPath } = first.engine.tls;
    const version = ['version', '--format', '{{.Server.Version}}'];

    expect(endpoint).toBe('tcp://10.213.0.11:2376');
    expect(
      await runCommand('docker', [...tlsDockerArgs(endpoint, certPath), ...version]),
    ).toMatch(/^\d+\.\d+/);
    expect(
      await succeeds('docker', [
        ...tlsDockerArgs(endpoint, second.engine.tls.certPath),
        ...version,
      ]),
    ).toBe(false);
    expect(
      await succeeds('docker', [
        '--tlsverify',
        '--tlscacert',
        `${certPath}/ca.pem`,
        '-H',
        endpoint,
        ...version,
      ]),
    ).toBe(false);
    expect(await succeeds('docker', ['-H', endpoint, ...version])).toBe(false);
    expect(await hostsCommand('env', '1')).toContain(
      `HMS_ENGINE_TLS_CERT_PATH=${certPath}\n`,
    );
  });

  it("answers pings from a host's containers only inside that host", async () => {
    const address = firstDemoAddress(host(status, 2));

    expect(await pingAnswers(address, 2)).toBe(true);
    expect(await pingAnswers(address)).toBe(false);
    expect(await pingAnswers(address, 1)).toBe(false);
  });

  it('lets a manager inside a host reach RabbitMQ with the URL it is given', async () => {
    expect(status.broker.amqpUrl).toMatch(/^amqp:\/\/hms:[0-9a-f]+@10\.213\.0\.1:5672$/);

    const output = await runCommand('bash', inHost(2, 'node', ['-e', AMQP_CONNECT]));

    expect(output.trim()).toBe('connected');
  });

  it("keeps every rule of the engines inside the hosts' own namespaces", async () => {
    expect(await ourIptablesRules()).toEqual([]);
    expect(
      await succeeds(
        'bash',
        inHost(1, 'iptables', [
          '-t',
          'nat',
          '-C',
          'POSTROUTING',
          '-s',
          '10.214.1.0/24',
          '!',
          '-o',
          'docker0',
          '-j',
          'MASQUERADE',
        ]),
      ),
    ).toBe(true);
  });

  it('repairs a lost link, a killed engine and a stopped container without duplicating', async () => {
    const killedEngine = host(status, 3).engine.pid;
    await runCommand('ip', ['link', 'del', 'hms-vm2']);
    await runCommand('docker', [
      '-H',
      host(status, 1).engine.endpoint,
      'stop',
      '-t',
      '1',
      'hms-vm1-idle-2',
    ]);
    // At once, as an operator would: the killed engine's containerd is then
    // still a zombie, which a new engine took for a running one.
    await runCommand('kill', ['-KILL', String(killedEngine)]);

    const repaired = await hostsJson('up', '--count', '3', '--tls');

    expect(repaired.hosts.map((simulated) => simulated.state)).toEqual([
      'ready',
      'ready',
      'ready',
    ]);
    for (const simulated of repaired.hosts) {
      expect(simulated.containers.filter((container) => container.running)).toHaveLength(
        3,
      );
    }
    expect(await ourNamespaces()).toEqual(['hms-vm1', 'hms-vm2', 'hms-vm3']);
    expect(await pingAnswers(firstDemoAddress(host(repaired, 2)), 2)).toBe(true);
    expect(host(repaired, 3).engine.pid).not.toBe(killedEngine);
    status = repaired;
  });

  it('waits for an engine that is shutting down and starts it again', async () => {
    const { endpoint, pid } = host(status, 2).engine;
    // Busybox's sh as PID 1 ignores TERM: the engine's shutdown then waits
    // out the stop timeout, long enough for `up` to find it still there.
    await runCommand('docker', [
      '-H',
      endpoint,
      'run',
      '-d',
      '--name',
      'slow-to-stop',
      '--stop-timeout',
      '10',
      'hms/idle:latest',
      'sh',
      '-c',
      'while true; do sleep 1; done',
    ]);
    await runCommand('kill', ['-TERM', String(pid)]);
    await waitFor(async () => !(await succeeds('docker', ['-H', endpoint, 'version'])), {
      what: "vm2's engine to stop answering after TERM",
      timeoutMs: 10_000,
    });
    expect(await succeeds('kill', ['-0', String(pid)])).toBe(true);

    // No --tls this time: a plain up repairs a host without changing its listeners.
    const repaired = await hostsJson('up', '--count', '3');

    expect(host(repaired, 2).state).toBe('ready');
    expect(host(repaired, 2).engine.tls?.endpoint).toBe('tcp://10.213.0.12:2376');
    expect(host(repaired, 2).engine.pid).not.toBe(pid);
    expect(await succeeds('kill', ['-0', String(pid)])).toBe(false);
    expect(
      host(repaired, 2).containers.filter(
        (container) => container.demo && container.running,
      ),
    ).toHaveLength(3);
    await runCommand('docker', ['-H', endpoint, 'rm', '--force', 'slow-to-stop']);
  });

  it('removes the hosts above a smaller count, and switches TLS for plain TCP', async () => {
    const shrunk = await hostsJson('up', '--count', '2', '--idle', '1', '--tcp');
    const { tcpEndpoint, tls } = host(shrunk, 1).engine;

    expect(shrunk.hosts.map((simulated) => simulated.name)).toEqual(['vm1', 'vm2']);
    expect(tls).toBeNull();
    expect(await succeeds('test', ['-e', '/run/hms/hosts/vm1/tls'])).toBe(false);
    expect(tcpEndpoint).toBe('tcp://10.213.0.11:2375');
    expect(await succeeds('docker', ['-H', String(tcpEndpoint), 'version'])).toBe(true);
    expect(host(shrunk, 1).containers.map((container) => container.name)).toEqual([
      'hms-vm1-idle-1',
    ]);
    expect(await ourNamespaces()).not.toContain('hms-vm3');
  });

  it('leaves nothing behind after down', async () => {
    const engineSockets = status.hosts.map((simulated) => simulated.engine.socket);

    const after = await hostsJson('down');

    expect(after.hosts).toEqual([]);
    expect(after.broker.amqpUrl).toBeNull();
    expect(await ourNamespaces()).toEqual([]);
    expect(await ourLinks()).toEqual([]);
    expect(await ourRoutes()).toEqual([]);
    expect(await ourMounts()).toEqual([]);
    expect(await ourProcesses()).toEqual([]);
    expect(await ourIptablesRules()).toEqual([]);
    for (const socket of engineSockets) {
      expect(await succeeds('test', ['-e', socket])).toBe(false);
    }
    reportIptablesChanges(iptablesBefore, await rootIptables());
  });

  it('refuses bad input before it changes anything', async () => {
    await expect(hostsCommand('up', '--count', '0')).rejects.toThrow(/--count must be/);
    await expect(hostsCommand('up', '--count', 'three')).rejects.toThrow(
      /--count must be/,
    );
    await expect(hostsCommand('up', '--bogus')).rejects.toThrow(/unknown option/);
    await expect(hostsCommand('up', '--tcp', '--tls')).rejects.toThrow(
      /exclude each other/,
    );
    await expect(hostsCommand('exec', '7', '--', 'true')).rejects.toThrow(
      /does not exist/,
    );

    expect(await ourNamespaces()).toEqual([]);
  });
});

/**
 * Other engineers' containers on the main engine change the root namespace's
 * iptables while this test runs, so only our own rules are asserted above;
 * any other difference is printed for the reader.
 */
function reportIptablesChanges(before: string[], after: string[]): void {
  const added = after.filter((line) => !before.includes(line));
  const removed = before.filter((line) => !after.includes(line));

  if (added.length + removed.length > 0) {
    console.log(
      'root iptables changed by others meanwhile:\n' +
        [...added.map((line) => `+ ${line}`), ...removed.map((line) => `- ${line}`)].join(
          '\n',
        ),
    );
  }
}
