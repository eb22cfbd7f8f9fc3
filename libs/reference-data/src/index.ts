export * from './admin-divisions';
export * from './arabic-text';
export { DATA_DIR } from './data-files';
export * from './fuel-rules';
export * from './names';
