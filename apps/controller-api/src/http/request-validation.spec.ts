import { ArgumentMetadata } from '@nestjs/common';

import { ContainerParamsDto } from '../containers/dto/container-params.dto';
import { ManagerDeploymentDto } from '../deployment/manager-deployment.dto';
import { ThresholdQueryDto } from '../containers/dto/threshold-query.dto';
import { InvalidInputError } from '../errors/controller-error';
import { HostAddressParamsDto } from '../hosts/dto/host-address-params.dto';
import { NoQueryDto } from './no-query.dto';
import { createValidationPipe } from './validation.pipe';

const pipe = createValidationPipe();

function validate(
  metatype: ArgumentMetadata['metatype'],
  value: unknown,
): Promise<unknown> {
  return pipe.transform(value, { type: 'query', metatype });
}

async function problemsWith(metatype: ArgumentMetadata['metatype'], value: unknown) {
  const error = await validate(metatype, value).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InvalidInputError);

  return (error as InvalidInputError).details;
}

describe('host address', () => {
  it.each(['10.0.0.5', '127.0.0.2', '255.255.255.255'])('accepts %s', async (address) => {
    await expect(validate(HostAddressParamsDto, { address })).resolves.toEqual({
      address,
    });
  });

  it.each(['10.0.0', '10.0.0.256', 'localhost', '::1', '010.0.0.1 ', ''])(
    'refuses %j, saying an IPv4 address is expected',
    async (address) => {
      expect(await problemsWith(HostAddressParamsDto, { address })).toEqual([
        'address must be an IPv4 address such as 10.0.0.5',
      ]);
    },
  );
});

describe('container reference', () => {
  it.each(['web-1', 'a1b2c3d4e5f6', 'a'.repeat(64), 'svc_2.blue'])(
    'accepts %s',
    async (ref) => {
      const params = { address: '10.0.0.5', containerId: ref };

      await expect(validate(ContainerParamsDto, params)).resolves.toEqual(params);
    },
  );

  it.each(['../etc', '-rf', 'a'.repeat(129), 'web 1'])('refuses %j', async (ref) => {
    const details = await problemsWith(ContainerParamsDto, {
      address: '10.0.0.5',
      containerId: ref,
    });

    expect(details?.[0]).toContain(
      'containerId must be a container short ID, full ID or name',
    );
  });
});

describe('threshold', () => {
  it.each([
    ['0', 0],
    ['25', 25],
    ['12.5', 12.5],
    ['100', 100],
  ])('reads %j as %d', async (text, threshold) => {
    await expect(validate(ThresholdQueryDto, { threshold: text })).resolves.toEqual({
      threshold,
    });
  });

  it('says a missing threshold is required', async () => {
    expect(await problemsWith(ThresholdQueryDto, {})).toEqual([
      'threshold is required, e.g. ?threshold=25',
    ]);
  });

  it.each(['abc', '', '25abc', '0x10', '101', '-1', '1e3', 'Infinity', ['10', '20']])(
    'refuses %j as not a number from 0 to 100',
    async (threshold) => {
      expect(await problemsWith(ThresholdQueryDto, { threshold })).toEqual([
        'threshold must be a number from 0 to 100',
      ]);
    },
  );

  it('refuses a query field beside it', async () => {
    expect(
      await problemsWith(ThresholdQueryDto, { threshold: '5', force: 'yes' }),
    ).toEqual(['force: property force should not exist']);
  });
});

describe('a route without query fields', () => {
  it('accepts an empty query', async () => {
    await expect(validate(NoQueryDto, {})).resolves.toEqual({});
  });

  it('refuses any field, naming it', async () => {
    expect(await problemsWith(NoQueryDto, { treshold: '30' })).toEqual([
      'treshold: property treshold should not exist',
    ]);
  });
});

describe('manager deployment body', () => {
  const body = (value: unknown) =>
    pipe.transform(value, { type: 'body', metatype: ManagerDeploymentDto });

  async function bodyProblems(value: unknown): Promise<string[] | undefined> {
    const error = await body(value).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InvalidInputError);

    return (error as InvalidInputError).details;
  }

  it('accepts a TCP engine with a TLS folder', async () => {
    const request = {
      engine: 'tcp://10.213.0.13:2376',
      tls: { certPath: '/run/hms/hosts/vm3/tls/client' },
    };

    await expect(body(request)).resolves.toEqual(request);
  });

  it.each([
    [{ certPath: 'tls/client' }, 'tls.certPath must be an absolute path'],
    ['/run/certs', 'tls must be an object such as {"certPath": "/path/to/certs"}'],
    [
      { certPath: '/run/certs', verify: false },
      'tls.verify: property verify should not exist',
    ],
    [{}, 'tls.certPath must be an absolute path'],
  ])('refuses tls %j', async (tls, problem) => {
    const details = await bodyProblems({ engine: 'tcp://10.213.0.13:2376', tls });

    expect(details).toEqual([expect.stringContaining(problem)]);
  });
});
