import { FAULT_CAUSES, FaultCause } from '@hms/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import {
  HISTORY_EVENT_KINDS,
  HistoryEvent,
  HistoryEventKind,
  HistoryEventPage,
} from './history-event';

/** One recorded event as GET /events shows it. */
export class EventResponseDto {
  @ApiProperty({ description: 'Increasing event number', example: 42 })
  id!: number;

  @ApiProperty({
    format: 'date-time',
    description: 'When it happened (ISO 8601)',
    example: '2025-03-01T12:00:00.000Z',
  })
  at!: string;

  @ApiProperty({
    enum: HISTORY_EVENT_KINDS,
    enumName: 'HistoryEventKind',
    description: 'What happened',
  })
  kind!: HistoryEventKind;

  @ApiProperty({ description: 'Address of the host it happened on', example: '10.0.0.5' })
  host!: string;

  @ApiPropertyOptional({
    description: 'Short ID of the container',
    example: '8db94990d2a1',
  })
  containerId?: string;

  @ApiPropertyOptional({ description: 'Name of the container', example: 'web-1' })
  containerName?: string;

  @ApiPropertyOptional({ enum: FAULT_CAUSES, description: 'Cause of a fault or restart' })
  cause?: FaultCause;

  @ApiPropertyOptional({
    description: 'From the fault to running again, in milliseconds (restarts)',
    example: 412,
  })
  recoveryMs?: number;

  @ApiProperty({
    description: 'What happened, for an operator',
    example: 'restarted web-1 (stopped: exit 143 after SIGTERM) in 412 ms',
  })
  message!: string;

  static from(event: HistoryEvent): EventResponseDto {
    return { ...event, at: new Date(event.at).toISOString() };
  }
}

/** A page of events, newest first, and how many match in all. */
export class EventListResponseDto {
  @ApiProperty({
    description: 'Events matching the query, beyond the limit too',
    example: 1,
  })
  total!: number;

  @ApiProperty({ type: [EventResponseDto], description: 'Newest first, at most `limit`' })
  events!: EventResponseDto[];

  static from(page: HistoryEventPage): EventListResponseDto {
    return { total: page.total, events: page.events.map(EventResponseDto.from) };
  }
}
