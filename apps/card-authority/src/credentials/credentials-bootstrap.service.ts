import { basename } from 'node:path';

import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';

import type { Logger } from '@bitaqa/observability';

import { AUTHORITY_AUTH_CONFIG, type AuthorityAuthConfig } from '../auth/auth-config';
import { LOGGER } from '../core.module';
import { PrismaService } from '../database/prisma.service';
import { TRANSACTION_OPTIONS, type DbTransaction } from '../database/transaction';
import type { Credential as CredentialRow } from '../generated/prisma/client';

import { readBootstrapClients, type BootstrapClient } from './bootstrap-clients';
import { CredentialExistsError } from './credential-errors';
import { hashSecret } from './credential-secret';
import { CredentialRepository } from './credential.repository';

/** Actor recorded in the credential log for changes made from the bootstrap file. */
const BOOTSTRAP_ACTOR = 'bootstrap-file';

type Outcome = 'created' | 'unchanged' | 'updated';

function fieldsOf(client: BootstrapClient, file: string) {
  return {
    audiences: client.audiences,
    description: client.description ?? `bootstrap client from ${basename(file)}`,
    kind: client.kind,
    scopes: client.scopes,
    serviceId: client.serviceId ?? null,
    stationCode: client.stationCode ?? null,
  };
}

/** Names of the fields that differ between the stored row and the file's entry. */
function changedFields(
  row: CredentialRow,
  fields: ReturnType<typeof fieldsOf>,
  secretHash: Uint8Array,
): string[] {
  const changed: string[] = (Object.keys(fields) as (keyof typeof fields)[]).filter(
    (name) => JSON.stringify(row[name]) !== JSON.stringify(fields[name]),
  );

  if (!Buffer.from(secretHash).equals(Buffer.from(row.secretHash))) changed.push('secret');

  return changed;
}

/**
 * Upserts the clients of AUTHORITY_BOOTSTRAP_CLIENTS_FILE at start: the ministries' own apps and
 * operators on the local platform and in the demo. A credential that an officer suspended or
 * revoked keeps its status.
 */
@Injectable()
export class CredentialsBootstrapService implements OnApplicationBootstrap {
  constructor(
    @Inject(AUTHORITY_AUTH_CONFIG) private readonly config: AuthorityAuthConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
    private readonly repository: CredentialRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const file = this.config.bootstrapClientsFile;

    if (file === null) return;

    const clients = await readBootstrapClients(file);
    const counts: Record<Outcome, number> = { created: 0, unchanged: 0, updated: 0 };

    for (const client of clients) {
      counts[await this.upsert(client, file)] += 1;
    }

    this.logger.info({ file, ...counts }, 'bootstrap clients loaded');
  }

  private async upsert(client: BootstrapClient, file: string): Promise<Outcome> {
    const attempt = (): Promise<Outcome> =>
      this.prisma.$transaction((tx) => this.upsertIn(tx, client, file), TRANSACTION_OPTIONS);

    try {
      return await attempt();
    } catch (error) {
      // Another instance starting at the same time inserted the client first. The second
      // attempt finds its row and updates it like any existing client.
      if (!(error instanceof CredentialExistsError)) throw error;

      return attempt();
    }
  }

  private async upsertIn(
    tx: DbTransaction,
    client: BootstrapClient,
    file: string,
  ): Promise<Outcome> {
    const fields = fieldsOf(client, file);
    const secretHash = hashSecret(client.clientSecret);
    const existing = await this.repository.lock(tx, client.clientId);
    const event = {
      action: 'bootstrapped' as const,
      actor: BOOTSTRAP_ACTOR,
      clientId: client.clientId,
    };

    if (existing === null) {
      await this.repository.insert(tx, { ...fields, clientId: client.clientId, secretHash });
      await this.repository.appendEvent(tx, {
        ...event,
        details: { created: true },
        reason: fields.description,
      });

      return 'created';
    }

    const changed = changedFields(existing, fields, secretHash);

    if (changed.length === 0) return 'unchanged';

    if (existing.status !== 'active') {
      this.logger.warn(
        { clientId: client.clientId, status: existing.status },
        'bootstrap client is not active',
      );
    }

    await this.repository.update(tx, client.clientId, {
      ...fields,
      ...(changed.includes('secret') ? { secretHash, secretRotatedAt: new Date() } : {}),
    });
    await this.repository.appendEvent(tx, {
      ...event,
      details: { changed },
      reason: `updated from ${basename(file)}`,
    });

    return 'updated';
  }
}
