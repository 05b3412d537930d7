export * from './bootstrap';
export * from './config/manager.config';
export * from './manager-error';
export * from './manager.module';
export * from './signal-shutdown';
