import { z } from 'zod';

import { ConfigError } from '../config';

/** Key store that contains the issuer keys, and the settings to reach it. */
export type KeyStoreConfig =
  | {
      /** JSON file that keeps development keys across restarts; memory only when missing. */
      keyFile?: string;
      kind: 'software';
    }
  | {
      kind: 'pkcs11';
      modulePath: string;
      /** User PIN of the token; never logged. */
      pin: string;
      slotId?: number;
      tokenLabel?: string;
    };

const keyStoreEnvironment = z
  .object({
    KEY_STORE: z.enum(['software', 'pkcs11']).default('software'),
    PKCS11_MODULE: z.string().min(1).optional(),
    PKCS11_PIN: z.string().min(1).optional(),
    PKCS11_SLOT: z.coerce.number().int().min(0).optional(),
    PKCS11_TOKEN_LABEL: z.string().min(1).max(32).optional(),
    SOFTWARE_KEY_FILE: z.string().min(1).optional(),
  })
  .superRefine((values, context) => {
    if (values.KEY_STORE !== 'pkcs11') {
      return;
    }

    const required = ['PKCS11_MODULE', 'PKCS11_PIN'] as const;

    for (const name of required) {
      if (values[name] === undefined) {
        context.addIssue({ code: 'custom', message: 'is missing', path: [name] });
      }
    }

    if (values.PKCS11_TOKEN_LABEL === undefined && values.PKCS11_SLOT === undefined) {
      context.addIssue({
        code: 'custom',
        message: 'or PKCS11_SLOT is missing',
        path: ['PKCS11_TOKEN_LABEL'],
      });
    }
  });

const EXAMPLES: Record<string, string> = {
  KEY_STORE: 'pkcs11',
  PKCS11_MODULE: '/usr/lib/softhsm/libsofthsm2.so',
  PKCS11_PIN: '...',
  PKCS11_SLOT: '0',
  PKCS11_TOKEN_LABEL: 'bitaqa-issuer',
  SOFTWARE_KEY_FILE: '.bitaqa/card-authority-keys.json',
};

/**
 * Reads the key store settings: KEY_STORE=software (default) with an optional SOFTWARE_KEY_FILE,
 * or KEY_STORE=pkcs11 with PKCS11_MODULE, PKCS11_PIN and PKCS11_TOKEN_LABEL or PKCS11_SLOT.
 * Error messages name the variables but never echo their values, because one is the PIN.
 */
export function loadKeyStoreConfig(env: NodeJS.ProcessEnv = process.env): KeyStoreConfig {
  const parsed = keyStoreEnvironment.safeParse(env);

  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);

      return `${name} ${issue.message} (for example ${name}=${EXAMPLES[name] ?? '...'})`;
    });

    throw new ConfigError(`invalid key store configuration: ${problems.join('; ')}`);
  }

  const values = parsed.data;

  if (values.KEY_STORE === 'software') {
    return { keyFile: values.SOFTWARE_KEY_FILE, kind: 'software' };
  }

  return {
    kind: 'pkcs11',
    modulePath: values.PKCS11_MODULE!,
    pin: values.PKCS11_PIN!,
    slotId: values.PKCS11_SLOT,
    tokenLabel: values.PKCS11_TOKEN_LABEL,
  };
}
