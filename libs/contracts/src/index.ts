export * from './commands';
export * from './container-status';
export * from './fault-cause';
export * from './monitor-log';
export * from './notices';
export * from './protocol';
export * from './replies';
export * from './validation';
