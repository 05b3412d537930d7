import { CommandName, ContainerThresholdCommand } from './commands';
import { parseAs, parseManagerCommand, parseNotice } from './validation';

describe('message validation', () => {
  it('accepts a well-formed threshold command', () => {
    const parsed = parseManagerCommand({
      command: CommandName.ContainerThreshold,
      address: 'controller',
      threshold: 25,
    });

    expect(parsed).toEqual({ ok: true, value: expect.any(ContainerThresholdCommand) });
  });

  it.each([
    [{ command: 'container_threshold', address: 'c', threshold: 101 }, 'threshold'],
    [{ command: 'container_threshold', address: 'c', threshold: '25' }, 'threshold'],
    [{ command: 'container_threshold', address: 'c' }, 'threshold'],
    [{ command: 'container_threshold', address: 'c', threshold: 5, extra: 1 }, 'extra'],
    [{ command: 'reboot_everything', address: 'c' }, 'unknown command'],
    [{ command: 'container_ignore', address: 'c', containerId: '../etc' }, 'containerId'],
    [[1, 2], 'JSON object'],
    [null, 'JSON object'],
  ])('refuses %j with a reason naming %s', (raw, mention) => {
    const parsed = parseManagerCommand(raw);

    expect(parsed.ok).toBe(false);
    expect(parsed.ok === false && parsed.reason).toContain(mention);
  });

  it('validates nested notices', () => {
    const parsed = parseNotice({
      kind: 'attack',
      address: '10.0.0.1',
      attack: { at: 'yesterday', containerId: 'x', containerName: 'x', attack: 'stop', test: 't' },
    });

    expect(parsed.ok === false && parsed.reason).toContain('attack.at');
  });

  it('parses a single type directly', () => {
    const parsed = parseAs(ContainerThresholdCommand, {
      command: 'container_threshold',
      address: 'c',
      threshold: 0,
    });

    expect(parsed.ok).toBe(true);
  });
});
