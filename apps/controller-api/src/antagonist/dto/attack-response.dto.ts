import { AttackKind } from '@hms/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One attack an antagonist reported, as the controller received it. */
export class AttackResponseDto {
  @ApiProperty({ description: 'Host whose antagonist attacked', example: '10.0.0.5' })
  host!: string;

  @ApiProperty({ description: 'When the attack was made (ISO 8601)' })
  at!: string;

  @ApiProperty({ description: 'Full ID of the attacked container' })
  containerId!: string;

  @ApiProperty({ description: 'Name of the attacked container', example: 'web-1' })
  containerName!: string;

  @ApiProperty({ enum: Object.values(AttackKind), description: 'What the attack did' })
  attack!: AttackKind;

  @ApiPropertyOptional({ description: 'Injected packet loss in percent (loss attacks)' })
  loss?: number;

  @ApiPropertyOptional({
    description: 'How long the loss lasts, in seconds (loss attacks)',
  })
  durationSeconds?: number;

  @ApiPropertyOptional({ description: 'How loss was injected', example: 'iptables' })
  method?: string;

  @ApiProperty({ description: 'Name of the test the antagonist was configured with' })
  test!: string;
}

export class AttackListResponseDto {
  @ApiProperty({
    description: 'Attacks matching the query that the controller still holds',
  })
  total!: number;

  @ApiProperty({
    type: [AttackResponseDto],
    description: 'Newest first, at most `limit`',
  })
  attacks!: AttackResponseDto[];
}
