import { readFile } from 'node:fs/promises';

import { z } from 'zod';

import { ConfigError } from '../config';

import { checkKindBinding, credentialFields } from './credential';

/** Shortest client secret accepted from a bootstrap file. */
export const MIN_BOOTSTRAP_SECRET_LENGTH = 16;

const entrySchema = z
  .object({
    audiences: credentialFields.audiences,
    clientId: credentialFields.clientId,
    // Unreserved URL characters only, so the secret reads the same whether or not a client
    // form-encodes it in HTTP Basic as RFC 6749 section 2.3.1 specifies.
    clientSecret: z
      .string()
      .regex(/^[A-Za-z0-9._~-]*$/, 'must use only letters, digits, ".", "_", "~" and "-"')
      .min(
        MIN_BOOTSTRAP_SECRET_LENGTH,
        `must be at least ${MIN_BOOTSTRAP_SECRET_LENGTH} characters`,
      )
      .max(200),
    description: credentialFields.description.optional(),
    kind: credentialFields.kind,
    scopes: credentialFields.scopes,
    serviceId: credentialFields.serviceId.optional(),
    stationCode: credentialFields.stationCode.optional(),
  })
  .strict()
  .superRefine(checkKindBinding);

const fileSchema = z
  .array(entrySchema)
  .refine(
    (entries) => new Set(entries.map((entry) => entry.clientId)).size === entries.length,
    'lists a client id twice',
  );

/** One client of the bootstrap file: a credential with the secret its app is configured with. */
export type BootstrapClient = z.infer<typeof entrySchema>;

/**
 * Reads AUTHORITY_BOOTSTRAP_CLIENTS_FILE: a JSON array of clients. A file that cannot be read or
 * breaks a rule stops the start, naming the entry and field.
 */
export async function readBootstrapClients(file: string): Promise<BootstrapClient[]> {
  let json: unknown;

  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      `AUTHORITY_BOOTSTRAP_CLIENTS_FILE ${file} cannot be read as JSON: ${(error as Error).message}`,
    );
  }

  const parsed = fileSchema.safeParse(json);

  if (!parsed.success) {
    const issue = parsed.error.issues[0];

    throw new ConfigError(
      `AUTHORITY_BOOTSTRAP_CLIENTS_FILE ${file}: entry ${issue?.path.join('.') || '(file)'} ` +
        `${issue?.message ?? 'is invalid'}`,
    );
  }

  return parsed.data;
}
