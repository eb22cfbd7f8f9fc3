export * from './fake-sms-operator';
export * from './read-topic';
export * from './service-addresses';
export * from './test-database';
export * from './test-topics';
export * from './wait-for';
export * from './test-tokens';
