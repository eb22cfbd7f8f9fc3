export * from './arabic-name-error';
export * from './clean';
export * from './known-names';
export * from './letters';
export * from './normalize';
export * from './transliterate';
export * from './match';
