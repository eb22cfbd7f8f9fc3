export * from './arabic-edit-costs';
export * from './chain-match';
export * from './edit-distance';
export * from './known-given-names';
export * from './match-key';
export * from './name-part';
