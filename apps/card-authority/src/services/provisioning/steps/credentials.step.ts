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

    return { result: { clientId: view.clientId, status: view.status } };
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
