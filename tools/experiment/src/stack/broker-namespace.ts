const MANAGEMENT_API = 'http://127.0.0.1:15672/api';
const AUTHORIZATION = `Basic ${Buffer.from('guest:guest').toString('base64')}`;

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
    const names = (await list(kind)).filter((name) => name.startsWith(`${namespace}.`));

    for (const name of names) {
      await request('DELETE', `/${kind}/%2F/${encodeURIComponent(name)}`);
    }
  }
}

async function list(kind: 'queues' | 'exchanges'): Promise<string[]> {
  const response = await request('GET', `/${kind}/%2F?columns=name`);

  return ((await response.json()) as NamedResource[]).map(({ name }) => name);
}

async function request(method: 'GET' | 'DELETE', path: string): Promise<Response> {
  const response = await fetch(`${MANAGEMENT_API}${path}`, {
    method,
    headers: { authorization: AUTHORIZATION },
    signal: AbortSignal.timeout(10_000),
  });
  // 404: gone meanwhile, which is what a delete wants.
  if (!response.ok && response.status !== 404) {
    throw new Error(
      `RabbitMQ management API ${method} ${path} answered ${response.status}`,
    );
  }

  return response;
}
