import { request as httpRequest } from 'node:http';

export interface RestResponse<T = unknown> {
  readonly status: number;
  readonly body: T;
}

export interface RequestOptions {
  /** Sent as JSON, on any method (fetch refuses a GET body); the controller refuses it. */
  readonly body?: unknown;

  /** Content-Type of the body; application/json unless a test says otherwise. */
  readonly contentType?: string;
}

const REQUEST_TIMEOUT_MS = 30_000;

/** A small HTTP client for the controller's REST API on loopback; bodies are typed by the caller. */
export class RestClient {
  constructor(private readonly baseUrl: string) {}

  url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  get<T = unknown>(path: string): Promise<RestResponse<T>> {
    return this.request('GET', path);
  }

  post<T = unknown>(path: string, options?: RequestOptions): Promise<RestResponse<T>> {
    return this.request('POST', path, options);
  }

  put<T = unknown>(path: string, options?: RequestOptions): Promise<RestResponse<T>> {
    return this.request('PUT', path, options);
  }

  delete<T = unknown>(path: string, options?: RequestOptions): Promise<RestResponse<T>> {
    return this.request('DELETE', path, options);
  }

  request<T = unknown>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<RestResponse<T>> {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers =
      payload === undefined
        ? {}
        : {
            'content-type': options.contentType ?? 'application/json',
            'content-length': Buffer.byteLength(payload),
          };

    return new Promise((resolve, reject) => {
      const call = httpRequest(
        this.url(path),
        { method, headers, timeout: REQUEST_TIMEOUT_MS },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: parseBody<T>(chunks) }),
          );
        },
      );

      call.on('timeout', () => call.destroy(new Error(`${method} ${path} timed out`)));
      call.on('error', reject);
      call.end(payload);
    });
  }
}

function parseBody<T>(chunks: Buffer[]): T {
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') {
    return undefined as T;
  }

  try {
    return JSON.parse(text) as T;
  } catch {
    return text as T;
  }
}
