import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, MaxLength } from 'class-validator';

const ENGINE_ENDPOINT =
  /^(\/\S+|unix:\/\/\/\S+|(tcp|http|https):\/\/[^/\s:]+:\d{1,5}\/?)$/;
const SOCKET_PATH = /^\/\S*$/;

/**
 * The optional body of PUT /containers/{address}: where the host's Docker
 * engine listens. Without it the controller only waits for a manager to
 * announce itself, as before.
 */
export class ManagerDeploymentDto {
  @ApiPropertyOptional({
    description:
      "The host's Docker engine as the controller reaches it: a socket path, " +
      'unix:///path or tcp://address:port. With it the controller deploys the manager.',
    examples: ['unix:///run/hms/docker-vm2.sock', 'tcp://10.213.0.12:2375'],
  })
  @IsOptional()
  @MaxLength(500)
  @Matches(ENGINE_ENDPOINT, {
    message: 'engine must be a socket path, unix:///path or tcp://address:port',
  })
  engine?: string;

  @ApiPropertyOptional({
    description:
      "Path of the engine's socket on the host itself, mounted into the manager. " +
      'Defaults to the path of a unix engine endpoint, else /var/run/docker.sock.',
    example: '/var/run/docker.sock',
  })
  @IsOptional()
  @MaxLength(500)
  @Matches(SOCKET_PATH, { message: 'engineSocket must be an absolute path' })
  engineSocket?: string;
}
