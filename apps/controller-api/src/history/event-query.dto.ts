import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsIP,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';

import {
  EVENT_LIMIT,
  HISTORY_EVENT_KINDS,
  HistoryEventFilter,
  HistoryEventKind,
} from './history-event';
import { toNumber } from '../containers/dto/threshold-query.dto';

/**
 * A calendar date with an optional time and offset, e.g. 2025-03-01 or
 * 2025-03-01T12:00:00.000Z. ISO 8601's week and ordinal forms are refused
 * because Date.parse does not read them.
 */
const CALENDAR_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const DATE_TIME_EXAMPLE = '2025-03-01T12:00:00Z';

// One message for every way a limit can miss, so `limit=abc` is not told about the maximum.
const LIMIT_RANGE = `limit must be a whole number from 1 to ${EVENT_LIMIT.max}`;

@ValidatorConstraint({ name: 'notBeforeFrom' })
class NotBeforeFrom implements ValidatorConstraintInterface {
  validate(to: string, args: ValidationArguments): boolean {
    const { from } = args.object as EventQueryDto;
    const start = from === undefined ? NaN : Date.parse(from);

    // A missing or malformed `from` is reported on its own field.
    return Number.isNaN(start) || Date.parse(to) >= start;
  }

  defaultMessage(): string {
    return 'to must not be before from';
  }
}

/** GET /events query; `kind` may be repeated or comma separated. */
export class EventQueryDto {
  @ApiPropertyOptional({ description: 'Only events of this host', example: '10.0.0.5' })
  @IsOptional()
  @IsIP(4, { message: 'host must be an IPv4 address such as 10.0.0.5' })
  host?: string;

  @ApiPropertyOptional({
    description: 'Only events of this container: its short ID, full ID or name',
    example: 'web-1',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  containerId?: string;

  @ApiPropertyOptional({
    enum: HISTORY_EVENT_KINDS,
    enumName: 'HistoryEventKind',
    isArray: true,
    description:
      'Only events of these kinds; repeat the parameter or separate with commas',
    example: ['fault', 'restart'],
  })
  @IsOptional()
  @Transform(({ value }) => toList(value))
  @IsArray()
  @IsIn(HISTORY_EVENT_KINDS, { each: true })
  kind?: HistoryEventKind[];

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Earliest time included (ISO 8601)',
    example: DATE_TIME_EXAMPLE,
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(CALENDAR_DATE_TIME, { message: `from must look like ${DATE_TIME_EXAMPLE}` })
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Latest time included (ISO 8601); not before `from`',
    example: DATE_TIME_EXAMPLE,
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(CALENDAR_DATE_TIME, { message: `to must look like ${DATE_TIME_EXAMPLE}` })
  @Validate(NotBeforeFrom)
  to?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: EVENT_LIMIT.max,
    default: EVENT_LIMIT.default,
    description: 'Most events returned, newest first',
  })
  @IsOptional()
  @Transform(({ value }) => toNumber(value))
  @IsInt({ message: LIMIT_RANGE })
  @Min(1, { message: LIMIT_RANGE })
  @Max(EVENT_LIMIT.max, { message: LIMIT_RANGE })
  limit?: number;

  toFilter(): HistoryEventFilter {
    return {
      host: this.host,
      containerId: this.containerId,
      kinds: this.kind,
      from: this.from === undefined ? undefined : Date.parse(this.from),
      to: this.to === undefined ? undefined : Date.parse(this.to),
      limit: this.limit,
    };
  }
}

function toList(value: unknown): unknown {
  const items = Array.isArray(value) ? value : [value];

  return items.flatMap((item) =>
    typeof item === 'string' ? item.split(',').map((part) => part.trim()) : [item],
  );
}
