import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsNumber, Max, Min } from 'class-validator';

/**
 * Reads a query value as a number. Only a single plain decimal number counts:
 * an empty value, `25abc`, `0x10` or a repeated field stay as they are and
 * fail validation, instead of turning into 0 or NaN silently.
 */
export function toNumber(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*-?(\d+\.?\d*|\.\d+)\s*$/.test(value)) {
    return value;
  }

  return Number(value);
}

// One message for every way a value can miss, since only the first failure is reported.
const THRESHOLD_RANGE = 'threshold must be a number from 0 to 100';

export class ThresholdQueryDto {
  @ApiProperty({
    description: 'Packet loss in percent above which a container is restarted (0-100)',
    minimum: 0,
    maximum: 100,
    example: 25,
  })
  @Transform(({ value }) => toNumber(value))
  @IsDefined({ message: 'threshold is required, e.g. ?threshold=25' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: THRESHOLD_RANGE })
  @Min(0, { message: THRESHOLD_RANGE })
  @Max(100, { message: THRESHOLD_RANGE })
  threshold!: number;
}
