import { AntagonistSettingsDto, CommandName } from '@hms/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const ANTAGONIST_COMMAND_NAMES = [
  CommandName.ConfAntagonist,
  CommandName.AntagonistStart,
  CommandName.AntagonistStop,
];

/** What the antagonist of a host accepted. */
export class AntagonistCommandResponseDto {
  @ApiProperty({ description: 'Host whose antagonist answered', example: '10.0.0.5' })
  address!: string;

  @ApiProperty({ enum: ANTAGONIST_COMMAND_NAMES, description: 'The command it accepted' })
  command!: string;

  @ApiPropertyOptional({
    type: AntagonistSettingsDto,
    description: 'The settings it now runs with (conf_antagonist only)',
  })
  settings?: AntagonistSettingsDto;
}
