import { HmsStatus } from '@hms/contracts';

import { ManagerHarness } from './support/manager-harness';

/** HMS_RESTART_EXITED_WITHIN_MS of this suite's manager. */
const RECENT_MS = 4000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('containers already exited when the manager starts, on the real engine', () => {
  const harness = new ManagerHarness({ HMS_RESTART_EXITED_WITHIN_MS: String(RECENT_MS) });
  const { containers } = harness;

  beforeAll(() =>
    harness.start([['finished'], ['died']], async () => {
      await containers.stop('finished');
      await sleep(RECENT_MS + 1000);
      await containers.stop('died');
    }),
  );

  afterAll(() => harness.stop());

  it('restarts one that exited shortly before, as if it died while the manager was away', async () => {
    // Its events came before the manager listened: the cause is told from its state alone.
    const restart = await harness.restartOf('died', 'crashed');

    expect(restart.message).toContain(harness.nameOf('died'));
    expect((await containers.inspect('died')).State.Running).toBe(true);
  });

  it('leaves one that exited long before down, and says why', async () => {
    await harness.waitForHeartbeats(4);

    expect((await containers.inspect('finished')).State.Running).toBe(false);
    expect(await harness.statusOf('finished')).toMatchObject({
      status: HmsStatus.NotProbed,
      statusReason: expect.stringMatching(
        /long before the manager saw it \(over HMS_RESTART_EXITED_WITHIN_MS\): left down/,
      ),
    });
  });

  it('supervises it like any other once it was started again', async () => {
    await containers.start('finished');
    await harness.waitForHeartbeats(2);
    await containers.stop('finished');

    await harness.restartOf('finished', 'stopped');
    expect((await containers.inspect('finished')).State.Running).toBe(true);
  });
});
