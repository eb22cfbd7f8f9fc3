/** Scopes of the reader gateway's own HTTP API, checked on tokens from the card authority. */
export const ReaderScopes = {
  /** Read encoder status and personalization jobs: the site's operators and monitoring. */
  operate: 'reader:operate',
} as const;
