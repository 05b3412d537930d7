import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

const ENGINE_ENDPOINT =
  /^(\/\S+|unix:\/\/\/\S+|(tcp|http|https):\/\/[^/\s:]+:\d{1,5}\/?)$/;
const ABSOLUTE_PATH = /^\/\S*$/;

/**
 * TLS for an engine started with `dockerd --tlsverify`, given the way the
 * docker CLI takes it: a folder like DOCKER_CERT_PATH. Only the path is
 * stored; the files are read at each connection, so no private key ends up
 * in the controller's database and renewed certificates are picked up.
 */
export class EngineTlsDto {
  @ApiProperty({
    description:
      'Absolute path of a folder readable by the controller holding ca.pem (the CA ' +
      "that signed the engine's certificate), cert.pem and key.pem (a client " +
      'certificate signed by a CA the engine trusts, and its unencrypted key).',
    example: '/etc/hms/engines/10.213.0.12',
  })
  @IsString()
  @MaxLength(500)
  @Matches(ABSOLUTE_PATH, { message: 'tls.certPath must be an absolute path' })
  certPath!: string;
}

/**
 * The optional body of PUT /containers/{address}: where the host's Docker
 * engine listens. Without it the controller only waits for a manager to
 * announce itself, as before.
 */
export class ManagerDeploymentDto {
  @ApiPropertyOptional({
    description:
      "The host's Docker engine as the controller reaches it: a socket path, " +
      'unix:///path or tcp://address:port (with `tls` for an engine that requires ' +
      'client certificates). With it the controller deploys the manager.',
    examples: [
      'unix:///run/hms/docker-vm2.sock',
      'tcp://10.213.0.12:2375',
      'tcp://10.213.0.12:2376',
    ],
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
  @Matches(ABSOLUTE_PATH, { message: 'engineSocket must be an absolute path' })
  engineSocket?: string;

  @ApiPropertyOptional({
    type: EngineTlsDto,
    description:
      'TLS for a tcp:// engine started with --tlsverify: the controller verifies ' +
      "the engine's certificate with ca.pem and presents cert.pem and key.pem.",
  })
  @IsOptional()
  @IsObject({ message: 'tls must be an object such as {"certPath": "/path/to/certs"}' })
  @ValidateNested()
  @Type(() => EngineTlsDto)
  tls?: EngineTlsDto;
}
