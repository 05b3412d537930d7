import { managementGet, managementRequest } from '../observe/management-api';

interface NamedResource {
  readonly name: string;
}

/**
 * Deletes the queues and exchanges of one run's namespace from the broker
 * (management API, default vhost), so that a run leaves nothing behind
 * there either: the apps declare them durable and do not remove them.
 */
export async function removeBrokerNamespace(namespace: string): Promise<void> {
  for (const kind of ['queues', 'exchanges'] as const) {
    const all = await managementGet<NamedResource[]>(`/${kind}/%2F?columns=name`);
    const names = all
      .map(({ name }) => name)
      .filter((name) => name.startsWith(`${namespace}.`));

    for (const name of names) {
      await managementRequest(`/${kind}/%2F/${encodeURIComponent(name)}`, {
        method: 'DELETE',
        missingIsFine: true,
      });
    }
  }
}
