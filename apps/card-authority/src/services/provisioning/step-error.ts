import { ApiError } from '@bitaqa/http';

import { ProvisioningError } from './provisioning-error';

/** A step's failure as recorded with it and shown to officers. */
export interface StepError {
  code: string;
  message: string;
  /** Whether a retry without other changes may succeed. */
  retriable: boolean;
}

/**
 * Describes a step's failure. Errors of this app's own rules (ApiError) need a change before a
 * retry; broker errors carry kafkajs' `retriable` flag; anything else is treated as retriable.
 */
export function stepErrorOf(error: unknown): StepError {
  if (error instanceof ProvisioningError) {
    return { code: error.code, message: error.message, retriable: error.retriable };
  }

  if (error instanceof ApiError) {
    return { code: error.code, message: error.message, retriable: false };
  }

  const fields = error as { code?: unknown; message?: unknown; retriable?: unknown };

  return {
    code: typeof fields.code === 'string' ? fields.code : 'STEP_FAILED',
    message: typeof fields.message === 'string' ? fields.message : String(error),
    retriable: fields.retriable !== false,
  };
}
