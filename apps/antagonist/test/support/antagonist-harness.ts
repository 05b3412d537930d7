import { randomBytes } from 'node:crypto';

import { TEST_LOW_LOW } from '@hms/contracts';

import { AntagonistProcess } from './antagonist-process';
import { BrokerClient } from './broker-client';
import { TestContainers } from './test-containers';

export const ADDRESS = '127.0.0.1';

/** The report's test_low_low, valid in every field: tests vary one field of it. */
export const LOW_LOW = TEST_LOW_LOW;

export interface AntagonistHarness {
  readonly containers: TestContainers;
  readonly broker: BrokerClient;
  readonly antagonist: AntagonistProcess;
}

/**
 * One antagonist process in its own namespace and container scope, with a
 * broker client to command it, for the describe block that calls this: it
 * starts before the block's tests and is killed, with its containers
 * removed, after them. `beforeStart` runs first (e.g. creating targets).
 */
export function useAntagonist(
  extraEnv: Record<string, string> = {},
  beforeStart: () => Promise<void> = async () => undefined,
): AntagonistHarness {
  const containers = new TestContainers();
  const namespace = `test-${randomBytes(4).toString('hex')}`;
  const broker = new BrokerClient(namespace, ADDRESS);
  const antagonist = new AntagonistProcess({
    HMS_NAMESPACE: namespace,
    HMS_HOST_ADDRESS: ADDRESS,
    HMS_SCOPE_LABEL: containers.scopeLabel,
    ...extraEnv,
  });

  beforeAll(async () => {
    await beforeStart();
    await broker.connect();
    await antagonist.start();
  });

  afterAll(async () => {
    await antagonist.stop('SIGKILL');
    await broker.close();
    await containers.removeAll();
  });

  return { containers, broker, antagonist };
}
