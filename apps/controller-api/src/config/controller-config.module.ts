import { DynamicModule, Global, Module } from '@nestjs/common';

import { ControllerConfig } from './controller.config';

/** Makes the validated ControllerConfig injectable everywhere, by its class. */
@Global()
@Module({})
export class ControllerConfigModule {
  static forRoot(config: ControllerConfig): DynamicModule {
    return {
      module: ControllerConfigModule,
      providers: [{ provide: ControllerConfig, useValue: config }],
      exports: [ControllerConfig],
    };
  }
}
