import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import type { ManagerWithdrawal } from '../../deployment/host-deployment.service';
import { HostRemovalResponseDto } from '../../hosts/dto/host-removal-response.dto';

const MANAGER_WITHDRAWALS: readonly ManagerWithdrawal[] = [
  'removed',
  'absent',
  'not-deployed',
  'left',
];

/** Removing a host, and what became of the manager container the controller deployed there. */
export class HostWithdrawalResponseDto extends HostRemovalResponseDto {
  @ApiProperty({
    enum: MANAGER_WITHDRAWALS,
    description:
      'removed: the deployed manager container was stopped and removed; absent: it was ' +
      'gone already; not-deployed: the controller did not deploy this manager; left: ' +
      'the engine did not answer and the container is still there',
  })
  managerContainer!: ManagerWithdrawal;

  @ApiPropertyOptional({
    description:
      'With left only: why the container could not be removed, and how to remove it ' +
      'on the host',
    example:
      'the manager container hms-manager-hms is still on the host: it could not be ' +
      'removed through tcp://10.0.0.5:2376 (ping of engine ... failed). Remove the ' +
      'container hms-manager-hms on the host yourself (docker rm -f hms-manager-hms)',
  })
  managerContainerProblem?: string;
}
