import type { ApiErrorDetails } from '@bitaqa/http';

/**
 * Error details with extra fields. The error filter returns every field other than `field`,
 * `hint` and `value` under `error.details`, such as the remaining balance of QUOTA_EXCEEDED.
 */
export function detailsWith(
  details: ApiErrorDetails,
  extra: Record<string, unknown>,
): ApiErrorDetails {
  return { ...details, ...extra } as ApiErrorDetails;
}
