import { AntagonistSettingsDto } from '@hms/contracts';
import { Transform } from 'class-transformer';

import { toNumber } from '../../containers/dto/threshold-query.dto';

/**
 * The report's antagonist fields, passed in the query string like every
 * parameter of this API. Validation and Swagger descriptions are the
 * contract's; only the reading of numbers from text is added here.
 */
export class AntagonistSettingsQueryDto extends AntagonistSettingsDto {}

const NUMERIC_FIELDS = ['loss', 'balance', 'heavy', 'frequency', 'duration'] as const;

// Decorated here rather than redeclared: a class-validator decorator on a
// redeclared field would drop every validator the contract puts on it.
for (const field of NUMERIC_FIELDS) {
  Transform(({ value }) => toNumber(value))(AntagonistSettingsQueryDto.prototype, field);
}
