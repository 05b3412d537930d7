import { waitFor } from '@hms/testing';

import { ADDRESS, useAntagonist } from './support/antagonist-harness';

const STOP_ALWAYS = {
  name: 'stops',
  loss: 80,
  balance: 100,
  heavy: 100,
  frequency: 0.5,
  duration: 5,
};

describe('stop attacks against the real engine', () => {
  const { containers, broker } = useAntagonist();

  it('stops running targets in its scope, publishes each attack, leaves the rest alone', async () => {
    const targets = [await containers.create('web-1'), await containers.create('web-2')];
    const outsider = await containers.create('outsider', { inScope: false });

    expect(await broker.conf(STOP_ALWAYS)).toMatchObject({ command: 'ok' });
    expect(await broker.start()).toMatchObject({ command: 'ok' });
    await waitFor(async () => !(await containers.anyRunning(targets)), {
      timeoutMs: 20_000,
      what: 'both targets to be stopped by the antagonist',
    });
    await waitFor(() => broker.attacks.length >= 2, {
      timeoutMs: 5_000,
      what: 'two attack notices',
    });
    await broker.stop();

    expect(await containers.running(outsider)).toBe(true);
    const attacked = broker.attacks.map((notice) => notice.attack.containerId).sort();
    expect(attacked).toEqual(targets.map((target) => target.id).sort());
    expect(broker.attacks[0]).toEqual({
      kind: 'attack',
      address: ADDRESS,
      attack: {
        at: expect.any(String),
        containerId: expect.any(String),
        containerName: expect.stringMatching(new RegExp(`^${containers.id}-web-[12]$`)),
        attack: 'stop',
        test: 'stops',
      },
    });
  });
});
