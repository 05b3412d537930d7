/** RabbitMQ's management API on this machine, as tools/bringup.sh enables it. */
const MANAGEMENT_API = 'http://127.0.0.1:15672/api';
const AUTHORIZATION = `Basic ${Buffer.from('guest:guest').toString('base64')}`;
const REQUEST_TIMEOUT_MS = 10_000;

export interface ManagementRequestOptions {
  readonly method?: 'GET' | 'DELETE' | 'POST';

  /** Sent as JSON. */
  readonly body?: unknown;

  /** 404 is an answer too: what a delete of something already gone gets. */
  readonly missingIsFine?: boolean;
}

/**
 * One request to the management API (default vhost user, loopback only);
 * any other answer than 2xx (or an allowed 404) throws, naming the request.
 */
export async function managementRequest(
  path: string,
  { method = 'GET', body, missingIsFine = false }: ManagementRequestOptions = {},
): Promise<Response> {
  const response = await fetch(`${MANAGEMENT_API}${path}`, {
    method,
    headers: {
      authorization: AUTHORIZATION,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!response.ok && !(missingIsFine && response.status === 404)) {
    throw new Error(
      `RabbitMQ management API ${method} ${path} answered ${response.status}`,
    );
  }

  return response;
}

export async function managementGet<T>(path: string): Promise<T> {
  return (await (await managementRequest(path)).json()) as T;
}

interface NamedResource {
  readonly name: string;
}

/**
 * Deletes the queues and exchanges of one namespace from the broker (default
 * vhost), so that a test run or an experiment leaves nothing behind there:
 * the apps declare them durable and do not remove them.
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
