/**
 * The few parts of Express's request and response the controller touches.
 * The workspace does not install @types/express, so they are declared here
 * rather than typed as `any`.
 */
export interface HttpRequest {
  readonly method: string;
  readonly originalUrl: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface HttpResponse {
  status(code: number): HttpResponse;
  json(body: unknown): HttpResponse;
}
