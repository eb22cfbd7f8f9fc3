import { z } from 'zod';

export const startImportRequest = z.strictObject({
  /** CSV file, relative to LEGACY_IMPORT_DIR or absolute inside it. */
  path: z.string().trim().min(1).max(1_000),
});

export type StartImportRequest = z.infer<typeof startImportRequest>;

export const importIdParam = z.object({ id: z.uuid() });

export const rejectionsQuery = z.strictObject({
  /** Returns rejections after this line number; the previous page's `nextAfterLine`. */
  afterLine: z.coerce.number().int().min(0).default(0),
  format: z.enum(['json', 'csv']).default('json'),
  limit: z.coerce.number().int().min(1).max(10_000).default(1_000),
});

export type RejectionsQuery = z.infer<typeof rejectionsQuery>;
