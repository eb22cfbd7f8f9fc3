export * from './correlation';
export * from './kafka-log-creator';
export * from './logger';
export * from './nest-logger';
