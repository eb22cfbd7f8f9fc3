import { Injectable } from '@nestjs/common';

import type { TokenKind } from '@bitaqa/auth';

import type { DbTransaction } from '../database/transaction';
import { Prisma, type Credential as CredentialRow } from '../generated/prisma/client';

import type { CredentialStatus, CredentialView } from './credential';
import { CredentialExistsError } from './credential-errors';

/** A credential with its secret hash, for the token endpoint only. */
export interface StoredCredential {
  audiences: string[];
  clientId: string;
  kind: TokenKind;
  scopes: string[];
  secretHash: Uint8Array;
  serviceId: string | null;
  stationCode: string | null;
  status: CredentialStatus;
}

/** Actions recorded in the append-only credential log. */
export type CredentialAction =
  'bootstrapped' | 'created' | 'reinstated' | 'revoked' | 'secret_rotated' | 'suspended';

export interface CredentialEventInput {
  action: CredentialAction;
  actor: string;
  clientId: string;
  /** Facts of the change other than the secret, such as the scopes granted. */
  details?: Prisma.InputJsonObject;
  reason: string;
}

export interface CredentialFilter {
  kind?: TokenKind;
  serviceId?: string;
  status?: CredentialStatus;
}

/** A page of credentials in client id order: those after `after`, at most `limit`. */
export interface CredentialPage {
  after?: string;
  limit?: number;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

export function toCredentialView(row: CredentialRow): CredentialView {
  return {
    audiences: row.audiences,
    clientId: row.clientId,
    createdAt: row.createdAt.toISOString(),
    description: row.description,
    kind: row.kind,
    scopes: row.scopes,
    secretRotatedAt: row.secretRotatedAt.toISOString(),
    serviceId: row.serviceId,
    stationCode: row.stationCode,
    status: row.status,
    statusReason: row.statusReason,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Reads and writes credentials and their log inside the caller's transaction. */
@Injectable()
export class CredentialRepository {
  async find(tx: DbTransaction, clientId: string): Promise<CredentialRow | null> {
    return tx.credential.findUnique({ where: { clientId } });
  }

  /** Reads the credential and locks its row until the transaction ends. */
  async lock(tx: DbTransaction, clientId: string): Promise<CredentialRow | null> {
    await tx.$queryRaw`SELECT 1 FROM credentials WHERE client_id = ${clientId} FOR UPDATE`;

    return this.find(tx, clientId);
  }

  async list(
    tx: DbTransaction,
    filter: CredentialFilter,
    page: CredentialPage = {},
  ): Promise<CredentialRow[]> {
    return tx.credential.findMany({
      orderBy: { clientId: 'asc' },
      take: page.limit,
      where: page.after === undefined ? filter : { ...filter, clientId: { gt: page.after } },
    });
  }

  async findStored(tx: DbTransaction, clientId: string): Promise<StoredCredential | null> {
    return tx.credential.findUnique({
      select: {
        audiences: true,
        clientId: true,
        kind: true,
        scopes: true,
        secretHash: true,
        serviceId: true,
        stationCode: true,
        status: true,
      },
      where: { clientId },
    });
  }

  /** Inserts a credential, or throws CredentialExistsError when its client id is taken. */
  async insert(tx: DbTransaction, data: Prisma.CredentialCreateInput): Promise<CredentialRow> {
    try {
      return await tx.credential.create({ data });
    } catch (error) {
      if (isUniqueViolation(error)) throw new CredentialExistsError(data.clientId);

      throw error;
    }
  }

  async update(
    tx: DbTransaction,
    clientId: string,
    data: Prisma.CredentialUpdateInput,
  ): Promise<CredentialRow> {
    return tx.credential.update({ data, where: { clientId } });
  }

  async appendEvent(tx: DbTransaction, event: CredentialEventInput): Promise<void> {
    await tx.credentialEvent.create({
      data: {
        action: event.action,
        actor: event.actor,
        clientId: event.clientId,
        details: event.details ?? {},
        reason: event.reason,
      },
    });
  }
}
