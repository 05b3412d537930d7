import { AttackNotice, MonitorLogEntryDto, MonitorLogKind } from '@hms/contracts';

import { HistoryEventInput, HistoryEventKind } from '../history/history-event';

/** Monitor-log kinds the history keeps; discoveries and removals are routine. */
const HISTORY_KIND_BY_LOG_KIND: Readonly<
  Partial<Record<MonitorLogKind, HistoryEventKind>>
> = {
  [MonitorLogKind.Fault]: HistoryEventKind.Fault,
  [MonitorLogKind.Restart]: HistoryEventKind.Restart,
  [MonitorLogKind.RestartFailed]: HistoryEventKind.RestartFailed,
  [MonitorLogKind.Ignored]: HistoryEventKind.Ignored,
  [MonitorLogKind.Supervised]: HistoryEventKind.Supervised,
  [MonitorLogKind.Threshold]: HistoryEventKind.Threshold,
};

/** Turns a host's new monitor-log entries into the history events worth keeping. */
export function historyEventsFrom(
  host: string,
  entries: readonly MonitorLogEntryDto[],
): HistoryEventInput[] {
  return entries.flatMap((entry) => {
    const kind = HISTORY_KIND_BY_LOG_KIND[entry.kind];
    if (kind === undefined) {
      return [];
    }

    return [
      {
        kind,
        host,
        at: Date.parse(entry.at),
        containerId: entry.containerId,
        containerName: entry.containerName,
        cause: entry.cause,
        recoveryMs: entry.recoveryMs,
        message: entry.message,
      },
    ];
  });
}

/** An antagonist's attack, the experiment's ground truth kept beside the faults it caused. */
export function attackEvent(notice: AttackNotice): HistoryEventInput {
  const { attack } = notice;
  const loss = attack.loss === undefined ? '' : ` ${attack.loss}% loss`;

  return {
    kind: HistoryEventKind.Attack,
    host: notice.address,
    at: Date.parse(attack.at),
    containerId: attack.containerId,
    containerName: attack.containerName,
    message: `${attack.attack}${loss} attack on ${attack.containerName} (${attack.test})`,
  };
}
