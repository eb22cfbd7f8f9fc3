import { Injectable } from '@nestjs/common';

import { CredentialsService } from '../../../credentials/credentials.service';
import type { DbTransaction } from '../../../database/transaction';
import type { ServiceApplication } from '../../../generated/prisma/client';
import { toServiceRequest } from '../../applications/application-view';
import { credentialScopes, SERVICE_AUDIENCES } from '../credential-scopes';
import type { LocalStep, StepContext, StepOutcome } from '../operation-step';

/**
 * Creates the service's credential on provisioning, with the service id as client id, and
 * follows the service's status afterwards: suspended, active again, or revoked.
 */
@Injectable()
export class CredentialsStep implements LocalStep {
  readonly kind = 'local';

  readonly name = 'credentials';

  constructor(private readonly credentials: CredentialsService) {}

  async run(context: StepContext, tx: DbTransaction): Promise<StepOutcome> {
    const { application, operation } = context;

    if (operation.kind === 'provision') {
      return this.create(application, tx);
    }

    if (application.clientId === null) {
      return { result: { reason: 'the service has no credential' }, skipped: true };
    }

    const status =
      operation.kind === 'suspend'
        ? 'suspended'
        : operation.kind === 'revoke'
          ? 'revoked'
          : 'active';
    const view = await this.credentials.setStatus(
      application.clientId,
      status,
      operation.reason,
      tx,
    );
    const others = await this.followService(application, status, operation.reason, tx);

    return { result: { clientId: view.clientId, others, status: view.status } };
  }

  /**
   * Moves the other credentials that act for the service id (an officer may add, say, a notices
   * credential of kind app) to the same status, so none of them keeps getting tokens.
   */
  private async followService(
    application: ServiceApplication,
    status: 'active' | 'revoked' | 'suspended',
    reason: string,
    tx: DbTransaction,
  ): Promise<string[]> {
    const bound = await tx.credential.findMany({
      select: { clientId: true, status: true },
      where: { clientId: { not: application.clientId ?? '' }, serviceId: application.serviceId },
    });
    const changed: string[] = [];

    for (const credential of bound) {
      if (credential.status === status || credential.status === 'revoked') continue;

      await this.credentials.setStatus(credential.clientId, status, reason, tx);
      changed.push(credential.clientId);
    }

    return changed;
  }

  private async create(application: ServiceApplication, tx: DbTransaction): Promise<StepOutcome> {
    const scopes = credentialScopes(toServiceRequest(application));
    const issued = await this.credentials.create(
      {
        actor: application.decidedBy ?? undefined,
        audiences: [...SERVICE_AUDIENCES],
        clientId: application.serviceId,
        description: `${application.name} (${application.agency}), service ${application.serviceId}`,
        kind: 'service',
        scopes,
        serviceId: application.serviceId,
      },
      tx,
    );

    await tx.serviceApplication.update({
      data: { clientId: issued.clientId },
      where: { id: application.id },
    });

    return {
      issued,
      result: { audiences: [...SERVICE_AUDIENCES], clientId: issued.clientId, scopes },
    };
  }
}
