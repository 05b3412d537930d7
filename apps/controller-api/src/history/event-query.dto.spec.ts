import { describe as describeErrors } from '@hms/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import { EventQueryDto } from './event-query.dto';
import { HistoryEventKind } from './history-event';

/** Validates a query the way the app's global ValidationPipe does. */
function validate(query: Record<string, unknown>): {
  dto: EventQueryDto;
  problems: string;
} {
  const dto = plainToInstance(EventQueryDto, query);
  const errors = validateSync(dto, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
  });

  return { dto, problems: describeErrors(errors) };
}

describe('EventQueryDto', () => {
  it('accepts an empty query', () => {
    const { dto, problems } = validate({});

    expect(problems).toBe('');
    expect(dto.toFilter()).toEqual({});
  });

  it('turns every valid parameter into a filter', () => {
    const { dto, problems } = validate({
      host: '10.0.0.1',
      containerId: 'web-1',
      kind: 'fault,restart',
      from: '2025-03-01',
      to: '2025-03-01T12:00:00.000Z',
      limit: '20',
    });

    expect(problems).toBe('');
    expect(dto.toFilter()).toEqual({
      host: '10.0.0.1',
      containerId: 'web-1',
      kinds: [HistoryEventKind.Fault, HistoryEventKind.Restart],
      from: Date.parse('2025-03-01T00:00:00Z'),
      to: Date.parse('2025-03-01T12:00:00Z'),
      limit: 20,
    });
  });

  it('accepts kind repeated as a list', () => {
    const { dto, problems } = validate({ kind: ['host-left', 'attack'] });

    expect(problems).toBe('');
    expect(dto.kind).toEqual(['host-left', 'attack']);
  });

  it.each([
    [{ kind: 'fault,explosion' }, /kind/],
    [{ from: 'yesterday' }, /from/],
    [{ from: '2025-W09-6' }, /from must look like/],
    [{ to: '2025-02-30' }, /to/],
    [{ from: '2025-03-02', to: '2025-03-01' }, /to must not be before from/],
    [{ limit: '0' }, /^limit must be a whole number from 1 to 1000$/],
    [{ limit: '1001' }, /^limit must be a whole number from 1 to 1000$/],
    [{ limit: 'ten' }, /^limit must be a whole number from 1 to 1000$/],
    [{ limit: '2.5' }, /^limit must be a whole number from 1 to 1000$/],
    [{ host: '' }, /host must be an IPv4 address/],
    [{ host: 'web-1' }, /host must be an IPv4 address/],
    [{ page: '2' }, /property page should not exist/],
  ])('refuses %j', (query, problem) => {
    expect(validate(query).problems).toMatch(problem);
  });
});
