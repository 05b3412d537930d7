import { TestPlatform } from './support/test-platform';

/** The OpenAPI document generated from the decorators, and Swagger UI. */
describe('OpenAPI document', () => {
  const platform = new TestPlatform();

  beforeAll(() => platform.startController());

  afterAll(() => platform.tearDown());

  const ERRORS_OF_COMMANDS = ['400', '404', '409', '502', '503', '504'];
  const expected: Record<string, Record<string, string[]>> = {
    '/containers': { get: ['400'], post: ['400', '409', '502', '503', '504'] },
    '/containers/{address}': {
      get: ['400', '404'],
      post: ERRORS_OF_COMMANDS,
      put: ['400', '503'],
      delete: ['400', '404', '503'],
    },
    '/containers/{address}/{containerId}': {
      get: ['400', '404'],
      put: ERRORS_OF_COMMANDS,
      delete: ERRORS_OF_COMMANDS,
    },
    '/hosts': { get: ['400'] },
    '/hosts/{address}': { get: ['400', '404'] },
    '/events': { get: ['400', '503'] },
  };

  it('is served at /docs-json with every path, method, parameter and error response', async () => {
    const { status, body: document } =
      await platform.api.get<OpenApiDocument>('/docs-json');
    expect(status).toBe(200);

    for (const [path, methods] of Object.entries(expected)) {
      for (const [method, errors] of Object.entries(methods)) {
        const operation = operationOf(document, path, method);

        const parameters = operation.parameters.map((p) => `${p.in}:${p.name}`);
        const pathParameters = [...path.matchAll(/\{(\w+)\}/g)].map(
          (m) => `path:${m[1]}`,
        );
        expect(parameters).toEqual(expect.arrayContaining(pathParameters));
        if (method === 'post') {
          expect(operation.parameters).toContainEqual(
            expect.objectContaining({ in: 'query', name: 'threshold', required: true }),
          );
        }

        for (const code of errors) {
          expect(
            operation.responses[code]?.content?.['application/json'].schema.$ref,
          ).toBe('#/components/schemas/ApiErrorDto');
        }
      }
    }
  });

  it('says which error codes each status of a command stands for', async () => {
    const { body: document } = await platform.api.get<OpenApiDocument>('/docs-json');
    const { responses } = operationOf(
      document,
      '/containers/{address}/{containerId}',
      'put',
    );

    expect(responses['400']?.description).toContain('COMMAND_INVALID');
    expect(responses['404']?.description).toContain('CONTAINER_NOT_FOUND');
    expect(responses['409']?.description).toContain('MANAGER_REJECTED');
    expect(responses['502']?.description).toContain('MANAGER_FAILED');
    expect(responses['503']?.description).toContain('DESIRED_STATE_NOT_SAVED');
  });

  it('serves Swagger UI at /docs', async () => {
    const { status, body } = await platform.api.get<string>('/docs');

    expect(status).toBe(200);
    expect(body).toContain('swagger-ui');
  });
});

function operationOf(document: OpenApiDocument, path: string, method: string) {
  const operation = document.paths[path]?.[method];
  if (operation === undefined) {
    throw new Error(`the OpenAPI document has no ${method.toUpperCase()} ${path}`);
  }

  return operation;
}

/** The parts of the OpenAPI document the test reads. */
interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation | undefined> | undefined>;
}

interface OpenApiOperation {
  parameters: Array<{ in: string; name: string; required?: boolean }>;
  responses: Record<
    string,
    | { description?: string; content?: Record<string, { schema: { $ref?: string } }> }
    | undefined
  >;
}
