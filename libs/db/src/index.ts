export * from './database-url';
export * from './ensure-database';
export * from './messaging-tables';
export * from './migrations';
