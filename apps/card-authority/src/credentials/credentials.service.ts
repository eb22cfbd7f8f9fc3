import { randomBytes } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { ZodValidationPipe } from '@bitaqa/http';
import type { Logger } from '@bitaqa/observability';

import { LOGGER } from '../core.module';
import { PrismaService } from '../database/prisma.service';
import { TRANSACTION_OPTIONS, type DbTransaction } from '../database/transaction';

import {
  credentialInputSchema,
  type CredentialInput,
  type CredentialStatus,
  type CredentialView,
  type IssuedSecret,
} from './credential';
import {
  CredentialExistsError,
  CredentialNotFoundError,
  CredentialStatusError,
} from './credential-errors';
import { generateSecret, hashSecret } from './credential-secret';
import { actionFor, TRANSITIONS, type StatusAction } from './credential-transitions';
import {
  CredentialRepository,
  toCredentialView,
  type CredentialFilter,
  type CredentialPage,
} from './credential.repository';

/** Actor recorded when a caller does not name one, such as another module of the authority. */
export const SYSTEM_ACTOR = 'system';

const inputPipe = new ZodValidationPipe(credentialInputSchema);

/**
 * Creates credentials, changes their status and secret, and records every change in the
 * append-only credential log. Secrets are returned once and never logged or stored in clear.
 */
@Injectable()
export class CredentialsService {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
    private readonly repository: CredentialRepository,
  ) {}

  /** Creates an active credential and returns its client id and secret. */
  async create(input: CredentialInput, tx?: DbTransaction): Promise<IssuedSecret> {
    const { actor = SYSTEM_ACTOR, ...fields } = input;
    const valid = inputPipe.transform(fields);
    const clientId = valid.clientId ?? `${valid.kind}-${randomBytes(6).toString('hex')}`;
    const clientSecret = generateSecret();
    const details = {
      audiences: valid.audiences,
      kind: valid.kind,
      scopes: valid.scopes,
      serviceId: valid.serviceId ?? null,
      stationCode: valid.stationCode ?? null,
    };

    await this.inTransaction(tx, async (work) => {
      if ((await this.repository.find(work, clientId)) !== null) {
        throw new CredentialExistsError(clientId);
      }

      await this.repository.insert(work, {
        ...details,
        clientId,
        description: valid.description,
        secretHash: hashSecret(clientSecret),
      });
      await this.repository.appendEvent(work, {
        action: 'created',
        actor,
        clientId,
        details,
        reason: valid.description,
      });
    });

    this.logger.info({ actor, clientId, ...details }, 'credential created');

    return { clientId, clientSecret };
  }

  /** Moves the credential to `status`. A credential already in it is left unchanged. */
  async setStatus(
    clientId: string,
    status: CredentialStatus,
    reason: string,
    tx?: DbTransaction,
  ): Promise<CredentialView> {
    return this.changeStatus(clientId, actionFor(status), reason, SYSTEM_ACTOR, tx);
  }

  /**
   * Suspends, reinstates or revokes a credential. 409 CREDENTIAL_STATUS_CONFLICT when the action
   * does not apply to its status. Repeating the action that led to its status changes nothing.
   */
  async changeStatus(
    clientId: string,
    action: StatusAction,
    reason: string,
    actor: string,
    tx?: DbTransaction,
  ): Promise<CredentialView> {
    const transition = TRANSITIONS[action];

    return this.inTransaction(tx, async (work) => {
      const current = await this.repository.lock(work, clientId);

      if (current === null) throw new CredentialNotFoundError(clientId);
      if (current.status === transition.to) return toCredentialView(current);
      if (!transition.from.includes(current.status)) {
        throw new CredentialStatusError(clientId, current.status, action);
      }

      const updated = await this.repository.update(work, clientId, {
        status: transition.to,
        statusReason: reason,
      });

      await this.repository.appendEvent(work, {
        action: transition.action,
        actor,
        clientId,
        details: { from: current.status, to: transition.to },
        reason,
      });
      this.logger.info(
        { action: transition.action, actor, clientId, from: current.status, to: transition.to },
        'credential status changed',
      );

      return toCredentialView(updated);
    });
  }

  /** Replaces the secret of an active or suspended credential, so the old one stops working. */
  async rotateSecret(clientId: string, reason: string, actor: string): Promise<IssuedSecret> {
    const clientSecret = generateSecret();

    await this.inTransaction(undefined, async (work) => {
      const current = await this.repository.lock(work, clientId);

      if (current === null) throw new CredentialNotFoundError(clientId);
      if (current.status === 'revoked') {
        throw new CredentialStatusError(clientId, current.status, 'rotate-secret');
      }

      await this.repository.update(work, clientId, {
        secretHash: hashSecret(clientSecret),
        secretRotatedAt: new Date(),
      });
      await this.repository.appendEvent(work, {
        action: 'secret_rotated',
        actor,
        clientId,
        reason,
      });
    });

    this.logger.info({ actor, clientId }, 'credential secret rotated');

    return { clientId, clientSecret };
  }

  async get(clientId: string): Promise<CredentialView> {
    const row = await this.repository.find(this.prisma, clientId);

    if (row === null) throw new CredentialNotFoundError(clientId);

    return toCredentialView(row);
  }

  /** Lists credentials in client id order, all of them unless `page` limits the list. */
  async list(filter: CredentialFilter = {}, page: CredentialPage = {}): Promise<CredentialView[]> {
    return (await this.repository.list(this.prisma, filter, page)).map(toCredentialView);
  }

  /** Lists the credentials of one agency service, in any status. */
  async findByService(serviceId: string): Promise<CredentialView[]> {
    return this.list({ serviceId });
  }

  private async inTransaction<T>(
    tx: DbTransaction | undefined,
    work: (tx: DbTransaction) => Promise<T>,
  ): Promise<T> {
    return tx === undefined ? this.prisma.$transaction(work, TRANSACTION_OPTIONS) : work(tx);
  }
}
