export * from './config-error';
export * from './host-address';
export * from './load-config';
