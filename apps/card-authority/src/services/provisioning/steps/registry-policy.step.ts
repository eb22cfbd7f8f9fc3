import { Injectable } from '@nestjs/common';

import type { ServiceApplication, ServiceOperation } from '../../../generated/prisma/client';
import { IdentityRegistryClient } from '../identity-registry.client';
import type { RemoteStep, StepContext, StepOutcome } from '../operation-step';

/**
 * Keeps the service's agency in the identity registry in step with the service. Provisioning
 * registers it with its attribute policy, and suspension suspends it. Reinstatement reinstates
 * it and restates its policy. Revocation replaces its policy with one of no attributes and
 * suspends it. A service without identity attributes has no agency there.
 */
@Injectable()
export class RegistryPolicyStep implements RemoteStep {
  readonly kind = 'remote';

  readonly name = 'registry-policy';

  constructor(private readonly registry: IdentityRegistryClient) {}

  async run({ application, operation }: StepContext): Promise<StepOutcome> {
    if (application.attributes.length === 0) {
      return { result: { reason: 'the service asks for no identity attributes' }, skipped: true };
    }

    switch (operation.kind) {
      case 'provision':
        await this.registry.ensureAgency(application.serviceId, application.name);

        return this.setPolicy(application, operation);
      case 'reinstate':
        await this.registry.setAgencyStatus(application.serviceId, 'reinstate', operation.reason);

        return this.setPolicy(application, operation);
      case 'suspend':
        return {
          result: await this.registry.setAgencyStatus(
            application.serviceId,
            'suspend',
            operation.reason,
          ),
        };
      case 'revoke':
        return this.revoke(application, operation);
    }
  }

  private async setPolicy(
    application: ServiceApplication,
    operation: ServiceOperation,
  ): Promise<StepOutcome> {
    const policy = await this.registry.setPolicy(application.serviceId, {
      approvalReference: approvalReference(operation),
      approvedBy: operation.requestedBy,
      attributes: application.attributes,
      purposes: [application.purposeCode],
    });

    return { result: { attributes: application.attributes, policyVersion: policy.version } };
  }

  private async revoke(
    application: ServiceApplication,
    operation: ServiceOperation,
  ): Promise<StepOutcome> {
    const withdrawal = await this.registry.withdrawPolicy(application.serviceId, {
      approvalReference: approvalReference(operation),
      approvedBy: operation.requestedBy,
      purposes: [application.purposeCode],
    });
    const suspension = await this.registry.setAgencyStatus(
      application.serviceId,
      'suspend',
      operation.reason,
    );

    return { result: { ...withdrawal, suspended: suspension.found } };
  }
}

/** The registry records this with each policy version, so its log points back here. */
function approvalReference(operation: ServiceOperation): string {
  return `card-authority ${operation.kind} ${operation.id}`;
}
