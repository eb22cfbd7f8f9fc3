/** Progress of one republication of every card's status on authority.card-status. */
export interface HotlistRebuild {
  batchSize: number;
  error: string | null;
  finishedAt: string | null;
  id: string;
  /** Last card number published; the rebuild resumes after it. */
  lastCardNumber: string | null;
  publishedCards: number;
  requestedAt: string;
  status: 'completed' | 'failed' | 'running';
  /** Cards in the database when the rebuild started; cards created later publish on their own. */
  totalCards: number;
}

export interface HotlistRebuildRow {
  batchSize: number;
  error: string | null;
  finishedAt: Date | null;
  id: string;
  lastCardNumber: string | null;
  publishedCards: number;
  requestedAt: Date;
  status: HotlistRebuild['status'];
  totalCards: number;
}

export function toHotlistRebuild(row: HotlistRebuildRow): HotlistRebuild {
  return {
    batchSize: row.batchSize,
    error: row.error,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    id: row.id,
    lastCardNumber: row.lastCardNumber,
    publishedCards: row.publishedCards,
    requestedAt: row.requestedAt.toISOString(),
    status: row.status,
    totalCards: row.totalCards,
  };
}
