import Docker from 'dockerode';

import { waitFor } from '@hms/testing';

import { useAntagonist } from './support/antagonist-harness';
import { pingReplies } from './support/test-containers';

const PINGS = 40;

/** Loss attacks only, one per second, lasting long enough to look at them. */
const LOSS_ALWAYS = {
  name: 'losses',
  loss: 90,
  balance: 0,
  heavy: 100,
  frequency: 1,
  duration: 600,
};

/** Attacks that end before the next one: removal by expiry can be seen in between. */
const SHORT_LOSS = { ...LOSS_ALWAYS, name: 'short', frequency: 4, duration: 1 };

const QUIET = { ...LOSS_ALWAYS, name: 'quiet', heavy: 0 };

describe('packet loss injected into a real container', () => {
  let target: Docker.Container;
  let address: string;
  const { containers, broker, antagonist } = useAntagonist(
    { HMS_ANTAGONIST_SEED: '7' },
    async () => {
      target = await containers.create('web-1');
      address = await containers.ipv4(target);
    },
  );

  afterEach(async () => {
    await broker.stop().catch(() => undefined);
  });

  async function attackUnderWay(settings: Record<string, unknown>): Promise<void> {
    broker.attacks.length = 0;
    expect(await broker.conf(settings)).toMatchObject({ command: 'ok' });
    expect(await broker.start()).toMatchObject({ command: 'ok' });
    await waitFor(async () => (await containers.lossRules(target)).length === 1, {
      timeoutMs: 15_000,
      what: 'the loss rule in the container',
    });
  }

  it('drops pings while injected, publishes the attack, and is removed on stop', async () => {
    expect(await pingReplies(address, PINGS)).toBe(PINGS);

    await attackUnderWay(LOSS_ALWAYS);
    const underAttack = await pingReplies(address, PINGS);
    await broker.stop();

    expect(underAttack).toBeLessThan(PINGS * 0.75);
    expect(await containers.lossRules(target)).toEqual([]);
    expect(await pingReplies(address, PINGS)).toBe(PINGS);
    expect(broker.attacks[0].attack).toMatchObject({
      containerId: target.id,
      attack: 'packet-loss',
      durationSeconds: 600,
      method: 'iptables',
      test: 'losses',
    });
  });

  it('removes the loss once its duration is over', async () => {
    await attackUnderWay(SHORT_LOSS);

    await waitFor(async () => (await containers.lossRules(target)).length === 0, {
      timeoutMs: 2_500, // well before the next attack, 4 s after the first
      what: 'the loss rule to be removed after 1 s',
    });

    expect(antagonist.log).toContain('duration over, after 1.');
  });

  it('removes the loss when reconfigured', async () => {
    await attackUnderWay(LOSS_ALWAYS);

    expect(await broker.conf(QUIET)).toMatchObject({ command: 'ok' });

    expect(await containers.lossRules(target)).toEqual([]);
  });

  it('removes the loss when stopped with SIGTERM', async () => {
    await attackUnderWay(LOSS_ALWAYS);

    expect(await antagonist.stop('SIGTERM')).toMatch(/^(SIGTERM|exit 0)$/);

    expect(await containers.lossRules(target)).toEqual([]);
    await antagonist.start();
  });

  it('removes what a killed antagonist left, when it starts again', async () => {
    await attackUnderWay(LOSS_ALWAYS);

    expect(await antagonist.stop('SIGKILL')).toBe('SIGKILL');
    expect(await containers.lossRules(target)).toHaveLength(1);
    expect(await pingReplies(address, PINGS)).toBeLessThan(PINGS * 0.75);

    await antagonist.start();

    expect(await containers.lossRules(target)).toEqual([]);
    expect(await pingReplies(address, PINGS)).toBe(PINGS);
    expect(antagonist.log).toContain('left by an earlier antagonist process');
  });
});
