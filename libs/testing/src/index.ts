export * from './wait-for';
export * from './tls-material';
export * from './rabbitmq-management';
