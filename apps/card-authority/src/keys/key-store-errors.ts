import { HttpStatus } from '@nestjs/common';

import { CardKeyError } from '@bitaqa/card-keys';
import { ApiError } from '@bitaqa/http';

/**
 * Runs a key store call and turns a store failure into HTTP 503, because the request was valid
 * and the token or key file is what failed. Other errors pass through.
 */
export async function withKeyStore<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (
      error instanceof CardKeyError &&
      ['KEY_NOT_FOUND', 'KEY_STORE_FAILED'].includes(error.code)
    ) {
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        error.code,
        `${operation} failed: ${error.message}`,
        {
          hint: 'check the key store (KEY_STORE and its PKCS#11 or key file settings) and retry',
        },
      );
    }

    throw error;
  }
}
