import { randomBytes } from 'node:crypto';

import { ManagerProcess } from './support/manager-process';

/** No broker listens there: start-up failures must not depend on (or touch) the shared one. */
const NO_BROKER = 'amqp://guest:guest@127.0.0.1:1';
const RUN_ID = `mgr-start-${randomBytes(4).toString('hex')}`;

describe('manager start-up failures', () => {
  it('lists every bad variable and exits 1 without a stack trace', async () => {
    const manager = new ManagerProcess({
      HMS_HOST_ADDRESS: 'not-an-address',
      HMS_THRESHOLD: '150',
      HMS_PROBE_CONCURRENCY: 'lots',
      HMS_LOG_FORMAT: 'xml',
    });

    const exit = await manager.runToExit();
    const output = manager.output.join('\n');

    expect(exit.code).toBe(1);
    expect(output).toContain('Configuration is invalid');
    for (const variable of [
      'HMS_HOST_ADDRESS=not-an-address',
      'HMS_THRESHOLD=150',
      'HMS_PROBE_CONCURRENCY=lots',
      'HMS_LOG_FORMAT=xml',
    ]) {
      expect(output).toContain(variable);
    }
    expect(output).not.toMatch(/^\s+at /m);
  });

  it('says the engine is unreachable and what to check, in JSON when asked', async () => {
    const manager = new ManagerProcess({
      HMS_HOST_ADDRESS: '127.0.0.5',
      HMS_NAMESPACE: `test-${RUN_ID}`,
      HMS_AMQP_URL: NO_BROKER,
      HMS_DOCKER_SOCKET: `/tmp/${RUN_ID}-no-engine.sock`,
      HMS_LOG_FORMAT: 'json',
    });

    const exit = await manager.runToExit();
    const failure = manager.output
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: string; message: string })
      .find(
        (entry) => entry.level === 'error' && entry.message.includes('could not start'),
      );

    expect(exit.code).toBe(1);
    expect(failure?.message).toContain('ENGINE_UNREACHABLE');
    expect(failure?.message).toContain('is dockerd running');
  });

  it('refuses to start without the right to open a raw ICMP socket', async () => {
    const manager = new ManagerProcess({
      HMS_HOST_ADDRESS: '127.0.0.5',
      HMS_NAMESPACE: `test-${RUN_ID}`,
      HMS_AMQP_URL: NO_BROKER,
    });

    const nobody = 65534;
    const exit = await manager.runToExit({ uid: nobody });

    expect(exit.code).toBe(1);
    expect(manager.output.join('\n')).toContain(
      'run the manager as root or grant node CAP_NET_RAW',
    );
  });
});
