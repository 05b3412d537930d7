import { Logger } from '@nestjs/common';

import { HmsStatus, MonitorLogKind, ReplyErrorCode, ReplyStatus } from '@hms/contracts';

import { configOf, snapshotOf } from '../../test/fixtures/containers';
import { HostSettings } from '../config/host-settings';
import { FaultDetector } from '../faults/fault-detector';
import { Healer } from '../healing/healer';
import { ManagerError, ManagerErrorCode } from '../manager-error';
import { ContainerRegistry } from '../registry/container-registry';
import { CommandDispatcher } from './command-dispatcher';

const HOST = '127.0.0.9';
const CONTROLLER = 'controller-1';

function setup() {
  const settings = new HostSettings(configOf({ hostAddress: HOST, threshold: 25 }));
  const registry = new ContainerRegistry(settings);
  const web = snapshotOf({ name: 'web-1' });
  const labelled = snapshotOf({ name: 'web-2', labels: { 'hms.ignore': 'true' } });
  registry.upsert(web);
  registry.upsert(labelled);

  const cancelled: string[] = [];
  const checked: string[] = [];
  const healer = {
    cancel: jest.fn((id: string) => cancelled.push(id)),
    cancelAll: () => undefined,
  };
  const detector = { check: jest.fn((id: string) => checked.push(id)) };
  const sut = new CommandDispatcher(
    configOf({ hostAddress: HOST }),
    registry,
    settings,
    healer as unknown as Healer,
    detector as unknown as FaultDetector,
  );

  return { sut, registry, settings, web, labelled, cancelled, checked, healer, detector };
}

describe('CommandDispatcher', () => {
  it('answers give_content with the content and its own address', () => {
    const { sut } = setup();

    const reply = sut.dispatch({ command: 'give_content', address: CONTROLLER });

    expect(reply).toMatchObject({ command: ReplyStatus.Ok, address: HOST });
    expect(reply.content?.containers).toHaveLength(2);
  });

  it('answers give_content with sinceRevision with only the delta', () => {
    const { sut, registry } = setup();
    const since = registry.revision;
    sut.dispatch({ command: 'container_threshold', address: CONTROLLER, threshold: 40 });

    const reply = sut.dispatch({
      command: 'give_content',
      address: CONTROLLER,
      sinceRevision: since,
    });

    expect(reply.content).toMatchObject({ full: false, threshold: 40, containers: [] });
    expect(reply.content?.log.map((entry) => entry.kind)).toEqual([
      MonitorLogKind.Threshold,
    ]);
  });

  it.each([
    [{ command: 'reboot_everything', address: CONTROLLER }, 'unknown command'],
    [
      { command: 'container_threshold', address: CONTROLLER, threshold: 101 },
      'threshold',
    ],
    [{ command: 'container_ignore', address: CONTROLLER }, 'containerId'],
    ['not json at all', 'JSON object'],
    [undefined, 'JSON object'],
  ])('replies INVALID_COMMAND to %j with a reason naming %s', (raw, mention) => {
    const { sut } = setup();

    const reply = sut.dispatch(raw);

    expect(reply.command).toBe(ReplyStatus.Error);
    expect(reply.code).toBe(ReplyErrorCode.InvalidCommand);
    expect(reply.address).toBe(HOST);
    expect(reply.reason).toContain(mention);
  });

  it('refuses an unknown container with UNKNOWN_CONTAINER, naming it and the host', () => {
    const { sut } = setup();

    const reply = sut.dispatch({
      command: 'container_ignore',
      address: CONTROLLER,
      containerId: 'web-9',
    });

    expect(reply).toEqual({
      command: ReplyStatus.Error,
      address: HOST,
      reason: `unknown container web-9 on host ${HOST}`,
      code: ReplyErrorCode.UnknownContainer,
    });
  });

  it('ignores a container by short ID, then supervises it again by name', () => {
    const { sut, registry, settings, web, cancelled, checked } = setup();

    const ignored = sut.dispatch({
      command: 'container_ignore',
      address: CONTROLLER,
      containerId: web.shortId,
    });
    const whileIgnored = registry
      .contentSince()
      .containers.find((c) => c.id === web.shortId);
    const added = sut.dispatch({
      command: 'container_add',
      address: CONTROLLER,
      containerId: 'web-1',
    });

    expect([ignored.command, added.command]).toEqual([ReplyStatus.Ok, ReplyStatus.Ok]);
    expect(whileIgnored).toEqual({ id: web.shortId, status: HmsStatus.Ignored });
    expect(cancelled).toEqual([web.id]);
    expect(checked).toEqual([web.id]);
    expect(settings.isIgnored(web)).toBe(false);
    expect(registry.contentSince().log.map((entry) => entry.kind)).toEqual(
      expect.arrayContaining([MonitorLogKind.Ignored, MonitorLogKind.Supervised]),
    );
  });

  it('refuses to supervise a label-ignored container as a CONFLICT, saying to remove the label', () => {
    const { sut, labelled } = setup();

    const reply = sut.dispatch({
      command: 'container_add',
      address: CONTROLLER,
      containerId: labelled.name,
    });

    expect(reply.command).toBe(ReplyStatus.Error);
    expect(reply.code).toBe(ReplyErrorCode.Conflict);
    expect(reply.reason).toContain('remove the label');
  });

  describe('when carrying a command out fails', () => {
    let loggedError: jest.SpyInstance;

    beforeEach(() => {
      loggedError = jest.spyOn(Logger.prototype, 'error').mockImplementation();
    });

    afterEach(() => loggedError.mockRestore());

    it('answers INTERNAL, naming the command and the failure', () => {
      const { sut, web, healer } = setup();
      healer.cancel.mockImplementation(() => {
        throw new Error('engine went away');
      });

      const reply = sut.dispatch({
        command: 'container_ignore',
        address: CONTROLLER,
        containerId: web.name,
      });

      expect(reply).toEqual({
        command: ReplyStatus.Error,
        address: HOST,
        reason: 'container_ignore failed on the manager: engine went away',
        code: ReplyErrorCode.Internal,
      });
      expect(loggedError).toHaveBeenCalledWith(
        expect.stringContaining('engine went away'),
        expect.any(String),
      );
    });

    it('answers INTERNAL to a ManagerError that is no refusal', () => {
      const { sut, web, detector, settings } = setup();
      settings.ignore(web);
      detector.check.mockImplementation(() => {
        throw new ManagerError(ManagerErrorCode.ProbeFailed, 'probe socket closed');
      });

      const reply = sut.dispatch({
        command: 'container_add',
        address: CONTROLLER,
        containerId: web.name,
      });

      expect(reply.code).toBe(ReplyErrorCode.Internal);
      expect(reply.reason).toContain('probe socket closed');
    });
  });

  it('replaces threshold and ignore list on host_configure, acting again if retired', () => {
    const { sut, settings, web } = setup();
    sut.dispatch({ command: 'host_retire', address: CONTROLLER });
    const retired = settings.acting;

    const reply = sut.dispatch({
      command: 'host_configure',
      address: CONTROLLER,
      threshold: 60,
      ignored: [web.id],
    });

    expect(reply.command).toBe(ReplyStatus.Ok);
    expect(retired).toBe(false);
    expect(settings.acting).toBe(true);
    expect(settings.threshold).toBe(60);
    expect(settings.isIgnored(web)).toBe(true);
  });

  it('keeps answering give_content once retired', () => {
    const { sut } = setup();
    sut.dispatch({ command: 'host_retire', address: CONTROLLER });

    const reply = sut.dispatch({ command: 'give_content', address: CONTROLLER });

    expect(reply.command).toBe(ReplyStatus.Ok);
  });
});
