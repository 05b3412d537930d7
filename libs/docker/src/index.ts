export * from './container-event';
export * from './container-event-stream';
export * from './container-snapshot';
export * from './docker-engine';
export * from './docker-error';
export * from './engine-address';
export * from './engine-tls';
