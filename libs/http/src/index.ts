export * from './api-error';
export * from './correlation.middleware';
export * from './create-http-app';
export * from './error-filter';
export * from './media-type.middleware';
export * from './zod-validation.pipe';
