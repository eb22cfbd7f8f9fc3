import { z } from 'zod';

import { ConfigError } from '../config';

/** Settings of service onboarding, read from the environment. */
export interface OnboardingSettings {
  /** Base URL of the identity registry's HTTP API, where agency policies are set. */
  identityRegistryUrl: string;
  /** Milliseconds a call to the identity registry may take. */
  registryTimeoutMs: number;
}

export const ONBOARDING_SETTINGS = Symbol('ONBOARDING_SETTINGS');

const schema = z.object({
  IDENTITY_REGISTRY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  IDENTITY_REGISTRY_URL: z
    .string()
    .regex(/^https?:\/\/[^/\s]+$/, 'must be an http(s) origin without a path')
    .default('http://127.0.0.1:3002'),
});

const EXAMPLES: Record<string, string> = {
  IDENTITY_REGISTRY_TIMEOUT_MS: '10000',
  IDENTITY_REGISTRY_URL: 'http://127.0.0.1:3002',
};

/** Reads the settings; the error names each bad variable and a good value. */
export function loadOnboardingSettings(env: NodeJS.ProcessEnv = process.env): OnboardingSettings {
  const parsed = schema.safeParse(env);

  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);

      return `${name} ${issue.message} (for example ${name}=${EXAMPLES[name] ?? '...'})`;
    });

    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }

  return {
    identityRegistryUrl: parsed.data.IDENTITY_REGISTRY_URL,
    registryTimeoutMs: parsed.data.IDENTITY_REGISTRY_TIMEOUT_MS,
  };
}
