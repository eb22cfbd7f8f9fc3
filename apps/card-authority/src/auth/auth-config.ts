import { MAX_TOKEN_TTL_SECONDS } from '@bitaqa/auth';
import { z } from 'zod';

import { ConfigError } from '../config';

/** Settings of the token endpoint, the key set and the credential store, read from the environment. */
export interface AuthorityAuthConfig {
  /** Client file upserted at start (`AUTHORITY_BOOTSTRAP_CLIENTS_FILE`), or null. */
  bootstrapClientsFile: string | null;
  /** Failed token requests allowed per client id in one window before 429. */
  failedAttemptsLimit: number;
  /** Length of the failed-attempt window, in seconds. */
  failedAttemptsWindowSeconds: number;
  /** `iss` of every token. */
  issuer: string;
  /** Public key set published beside the signing key, for rotation, or null. */
  jwksFile: string | null;
  /** Prepended to every Redis key, so several instances or test suites can share one Redis. */
  redisKeyPrefix: string;
  redisUrl: string;
  /** Private P-256 JWK that signs tokens. */
  tokenKeyFile: string;
  /** Lifetime of an issued token, in seconds. */
  tokenTtlSeconds: number;
}

const EXAMPLES: Record<string, string> = {
  AUTHORITY_BOOTSTRAP_CLIENTS_FILE: '/etc/bitaqa/bootstrap-clients.json',
  AUTHORITY_REDIS_KEY_PREFIX: 'card-authority:',
  AUTHORITY_TOKEN_FAILED_ATTEMPTS_LIMIT: '10',
  AUTHORITY_TOKEN_FAILED_ATTEMPTS_WINDOW_SECONDS: '60',
  AUTHORITY_TOKEN_TTL_SECONDS: '300',
  AUTH_ISSUER: 'bitaqa-card-authority',
  AUTH_JWKS_FILE: '/etc/bitaqa/token-jwks.json',
  AUTH_TOKEN_KEY_FILE: '/etc/bitaqa/token-signing-key.json',
  REDIS_URL: 'redis://127.0.0.1:6379',
};

const optionalPath = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : null));

const environmentSchema = z.object({
  AUTHORITY_BOOTSTRAP_CLIENTS_FILE: optionalPath,
  AUTHORITY_REDIS_KEY_PREFIX: z.string().default('card-authority:'),
  AUTHORITY_TOKEN_FAILED_ATTEMPTS_LIMIT: z.coerce.number().int().min(1).max(1000).default(10),
  AUTHORITY_TOKEN_FAILED_ATTEMPTS_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3600)
    .default(60),
  AUTHORITY_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(30)
    .max(MAX_TOKEN_TTL_SECONDS)
    .default(300),
  AUTH_ISSUER: z.string({ error: 'is missing' }).trim().min(1, 'is empty'),
  AUTH_JWKS_FILE: optionalPath,
  AUTH_TOKEN_KEY_FILE: z.string({ error: 'is missing' }).trim().min(1, 'is empty'),
  REDIS_URL: z
    .string({ error: 'is missing' })
    .regex(/^rediss?:\/\//, 'must be a Redis URL starting with redis://'),
});

/**
 * Reads the token settings. The error names each invalid variable and a valid value. The signing key
 * file itself is read when the app starts.
 */
export function loadAuthorityAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthorityAuthConfig {
  const parsed = environmentSchema.safeParse(env);

  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);

      return `${name} ${issue.message} (for example ${name}=${EXAMPLES[name] ?? '...'})`;
    });

    throw new ConfigError(`invalid token configuration: ${problems.join('; ')}`);
  }

  const values = parsed.data;

  return {
    bootstrapClientsFile: values.AUTHORITY_BOOTSTRAP_CLIENTS_FILE,
    failedAttemptsLimit: values.AUTHORITY_TOKEN_FAILED_ATTEMPTS_LIMIT,
    failedAttemptsWindowSeconds: values.AUTHORITY_TOKEN_FAILED_ATTEMPTS_WINDOW_SECONDS,
    issuer: values.AUTH_ISSUER,
    jwksFile: values.AUTH_JWKS_FILE,
    redisKeyPrefix: values.AUTHORITY_REDIS_KEY_PREFIX,
    redisUrl: values.REDIS_URL,
    tokenKeyFile: values.AUTH_TOKEN_KEY_FILE,
    tokenTtlSeconds: values.AUTHORITY_TOKEN_TTL_SECONDS,
  };
}

export const AUTHORITY_AUTH_CONFIG = Symbol('AUTHORITY_AUTH_CONFIG');
