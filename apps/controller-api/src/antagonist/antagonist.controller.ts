import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { HostAddressParamsDto } from '../hosts/dto/host-address-params.dto';
import { ApiErrorResponses } from '../http/api-error-responses.decorator';
import { NoQueryDto } from '../http/no-query.dto';
import { AntagonistService } from './antagonist.service';
import { AttackJournal } from './attack-journal.service';
import { AntagonistCommandResponseDto } from './dto/antagonist-command-response.dto';
import { AntagonistSettingsQueryDto } from './dto/antagonist-settings-query.dto';
import { AttackQueryDto } from './dto/attack-query.dto';
import { AttackListResponseDto } from './dto/attack-response.dto';

const COMMAND_ERRORS = [
  HttpStatus.BAD_REQUEST,
  HttpStatus.CONFLICT,
  HttpStatus.BAD_GATEWAY,
  HttpStatus.GATEWAY_TIMEOUT,
];

/**
 * The antagonist of each host, the report's fault injector for experiments:
 * configure it (conf_antagonist), start and stop it, read the attacks it made.
 */
@ApiTags('antagonist')
@Controller('antagonist')
export class AntagonistController {
  constructor(
    private readonly antagonists: AntagonistService,
    private readonly journal: AttackJournal,
  ) {}

  @Get('attacks')
  @ApiOperation({ summary: 'Attacks the antagonists reported, newest first' })
  @ApiOkResponse({ type: AttackListResponseDto })
  @ApiErrorResponses(HttpStatus.BAD_REQUEST)
  attacks(@Query() query: AttackQueryDto): AttackListResponseDto {
    return this.journal.list(query.host, query.limit);
  }

  @Put(':address')
  @ApiOperation({
    summary: "Configure a host's antagonist (conf_antagonist)",
    description:
      'The report fields, in the query. A running antagonist removes the loss it ' +
      'injected and goes on with the new settings; a stopped one waits for start.',
  })
  @ApiOkResponse({ type: AntagonistCommandResponseDto })
  @ApiErrorResponses(...COMMAND_ERRORS)
  configure(
    @Param() params: HostAddressParamsDto,
    @Query() settings: AntagonistSettingsQueryDto,
  ): Promise<AntagonistCommandResponseDto> {
    return this.antagonists.configure(params.address, settings);
  }

  @Post(':address/start')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Start a configured antagonist's attacks (antagonist_start)" })
  @ApiOkResponse({ type: AntagonistCommandResponseDto })
  @ApiErrorResponses(...COMMAND_ERRORS)
  start(
    @Param() params: HostAddressParamsDto,
    @Query() _query: NoQueryDto,
  ): Promise<AntagonistCommandResponseDto> {
    return this.antagonists.start(params.address);
  }

  @Post(':address/stop')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Stop the attacks (antagonist_stop)',
    description: 'Answers once every packet loss it injected is removed.',
  })
  @ApiOkResponse({ type: AntagonistCommandResponseDto })
  @ApiErrorResponses(...COMMAND_ERRORS)
  stop(
    @Param() params: HostAddressParamsDto,
    @Query() _query: NoQueryDto,
  ): Promise<AntagonistCommandResponseDto> {
    return this.antagonists.stop(params.address);
  }
}
