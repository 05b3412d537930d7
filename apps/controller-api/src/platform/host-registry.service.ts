import {
  AnnounceNotice,
  AttackNotice,
  HeartbeatNotice,
  PROTOCOL_VERSION,
  UpdateNotice,
} from '@hms/contracts';
import { Injectable, Logger } from '@nestjs/common';

import { HistoryEventKind } from '../history/history-event';
import { HistoryService } from '../history/history.service';
import { ConfigurationDelivery } from './configuration-delivery.service';
import { ContentSyncService } from './content-sync.service';
import { attackEvent } from './history-mapping';
import { HostLiveness, HostState } from './host-state';
import { PlatformStateService } from './platform-state.service';

/** A manager as its announce or heartbeat describes it. */
type ManagerNotice = Pick<
  HeartbeatNotice,
  'address' | 'protocol' | 'startedAt' | 'threshold'
>;

/**
 * How each host's manager stands, driven by its notices: hosts join when
 * their manager announces itself, get their configuration back when it
 * restarts, and recover when heartbeats come back.
 */
@Injectable()
export class HostRegistryService {
  private readonly logger = new Logger(HostRegistryService.name);

  constructor(
    private readonly state: PlatformStateService,
    private readonly delivery: ConfigurationDelivery,
    private readonly sync: ContentSyncService,
    private readonly history: HistoryService,
  ) {}

  /** A manager started or reconnected to the broker: it gets its configuration. */
  onAnnounce(notice: AnnounceNotice): void {
    const host =
      this.state.find(notice.address) ??
      this.state.add(notice.address, HostLiveness.Waiting);

    this.follow(host, notice, true);
  }

  onHeartbeat(notice: HeartbeatNotice): void {
    const host = this.state.find(notice.address) ?? this.adopt(notice);
    if (host === undefined) {
      return;
    }

    this.follow(host, notice, false);
    this.noteHeartbeat(host, notice);
  }

  onUpdate(notice: UpdateNotice): void {
    const host = this.state.find(notice.address);

    if (host !== undefined && host.liveness !== HostLiveness.Waiting) {
      this.sync.schedule(host.address);
    }
  }

  /** The antagonist's ground truth, kept beside the faults it caused. */
  onAttack(notice: AttackNotice): void {
    if (this.state.find(notice.address) !== undefined) {
      this.history.record(attackEvent(notice));
    }
  }

  /**
   * Moves the host along with what its manager just said: a waiting or
   * deploying host joins, a new manager (another start time) gets the configuration back, a
   * silent host recovers; an announce always gets the configuration, since a
   * manager that reconnected may have missed commands.
   */
  private follow(host: HostState, manager: ManagerNotice, announced: boolean): void {
    if (
      host.liveness === HostLiveness.Waiting ||
      host.liveness === HostLiveness.Deploying
    ) {
      this.join(host, manager);
    } else if (host.managerStartedAt !== manager.startedAt) {
      this.rejoin(host, manager);
    } else if (host.liveness === HostLiveness.Unreachable) {
      this.recover(host);
    } else if (announced || host.configurePending) {
      const why = announced ? 'its manager reconnected' : 'earlier delivery unconfirmed';
      void this.delivery.deliver(host.address, why);
    }
  }

  /** A restored host was known before the controller restarted: it is back in touch, not new. */
  private join(host: HostState, manager: ManagerNotice): void {
    const restored = host.restored === true;
    this.takeManager(host, manager);

    const message = restored
      ? `host ${host.address} in touch again after the controller restarted ` +
        `(manager protocol ${manager.protocol})`
      : `host ${host.address} joined (manager protocol ${manager.protocol})`;
    this.history.record({
      kind: HistoryEventKind.HostJoined,
      host: host.address,
      message,
    });
    this.logger.log(`${message}; sending its desired configuration`);

    void this.delivery.deliver(
      host.address,
      restored ? 'the controller restarted' : 'it joined',
    );
  }

  private rejoin(host: HostState, manager: ManagerNotice): void {
    this.takeManager(host, manager);

    this.history.record({
      kind: HistoryEventKind.ManagerRestarted,
      host: host.address,
      message: `manager of ${host.address} restarted; its configuration is sent again`,
    });
    this.logger.log(
      `manager of ${host.address} restarted; sending its configuration again`,
    );

    void this.delivery.deliver(host.address, 'its manager restarted');
  }

  private recover(host: HostState): void {
    const silentMs = Date.now() - (host.lastHeartbeatAt ?? host.joinedAt);
    host.liveness = HostLiveness.Live;

    this.history.record({
      kind: HistoryEventKind.HostRecovered,
      host: host.address,
      message: `host ${host.address} is back after ${formatSeconds(silentMs)} without heartbeat`,
    });
    this.logger.log(`host ${host.address} is back after ${formatSeconds(silentMs)}`);

    void this.delivery.deliver(host.address, 'it is back');
  }

  /**
   * A heartbeat from a host this controller has no record of (one saved
   * before a restart is held already), e.g. when the database was new: an
   * acting manager is taken in with the threshold it runs, rather than ignored
   * until it restarts. A removed host, or a retired manager, stays out.
   */
  private adopt(notice: HeartbeatNotice): HostState | undefined {
    if (this.state.wasRemoved(notice.address) || !notice.acting) {
      return undefined;
    }

    const host = this.state.add(notice.address, HostLiveness.Live, {
      threshold: notice.threshold,
      ignored: [],
    });
    host.configurePending = false;
    this.takeManager(host, notice);

    this.history.record({
      kind: HistoryEventKind.HostJoined,
      host: host.address,
      message: `host ${host.address} joined from its heartbeat (no record of it before)`,
    });
    this.logger.log(
      `host ${host.address} joined from its heartbeat, keeping its threshold`,
    );

    return host;
  }

  /** A new manager's monitor log starts over, so its content is asked for in full. */
  private takeManager(host: HostState, manager: ManagerNotice): void {
    if (manager.protocol !== PROTOCOL_VERSION) {
      this.logger.warn(
        `manager of ${host.address} speaks protocol ${manager.protocol}, ` +
          `this controller ${PROTOCOL_VERSION}; upgrade the older one`,
      );
    }

    host.liveness = HostLiveness.Live;
    host.restored = false;
    host.protocol = manager.protocol;
    host.managerStartedAt = manager.startedAt;
    host.reportedThreshold = manager.threshold;
    host.lastHeartbeatAt = Date.now();
    host.revision = 0;
    this.sync.schedule(host.address);
  }

  private noteHeartbeat(host: HostState, notice: HeartbeatNotice): void {
    host.lastHeartbeatAt = Date.now();
    host.reportedThreshold = notice.threshold;
    host.reportedContainerCount = notice.containerCount;
    host.acting = notice.acting;

    // A heartbeat ahead of the held revision means an update notice was lost.
    if (notice.revision !== host.revision) {
      this.sync.schedule(host.address);
    }
  }
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
