export * from './wait-for';
export * from './tls-material';
