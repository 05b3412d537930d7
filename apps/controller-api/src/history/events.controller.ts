import { ApiErrorDto } from '@hms/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';

import { EventListResponseDto } from './event-response.dto';
import { EventQueryDto } from './event-query.dto';
import { HistoryService } from './history.service';

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(private readonly history: HistoryService) {}

  @Get()
  @ApiOperation({
    summary: 'List recorded events',
    description:
      'Faults, restarts, operator actions and host changes, newest first. ' +
      'Events older than the retention period are gone.',
  })
  @ApiOkResponse({
    type: EventListResponseDto,
    description: 'Matching events, newest first',
  })
  @ApiResponse({
    status: 400,
    type: ApiErrorDto,
    description: 'A query parameter is malformed, out of range or unknown',
  })
  @ApiResponse({
    status: 503,
    type: ApiErrorDto,
    description:
      'The history database failed or is closing (HISTORY_DATABASE_UNAVAILABLE, HISTORY_CLOSED)',
  })
  list(@Query() query: EventQueryDto): EventListResponseDto {
    return EventListResponseDto.from(this.history.query(query.toFilter()));
  }
}
