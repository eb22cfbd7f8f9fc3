export * from './feed-population';
export * from './generate-population';
export * from './population-files';
export * from './types';
