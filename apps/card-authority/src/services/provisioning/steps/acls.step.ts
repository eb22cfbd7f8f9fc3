import { Inject, Injectable } from '@nestjs/common';

import type { RemoteStep, StepContext, StepOutcome } from '../operation-step';
import { ServiceTopics } from '../service-topics';
import { TOPIC_ACCESS, type TopicAccess } from '../topic-access';

/**
 * Grants the service's client its topics on the broker (READ on read topics and on consumer
 * groups starting with `<serviceId>.`, WRITE on write topics), or removes all its ACLs when
 * the service is suspended or revoked.
 */
@Injectable()
export class AclsStep implements RemoteStep {
  readonly kind = 'remote';

  readonly name = 'acls';

  constructor(
    @Inject(TOPIC_ACCESS) private readonly access: TopicAccess,
    private readonly topics: ServiceTopics,
  ) {}

  async run({ application, operation }: StepContext): Promise<StepOutcome> {
    const clientId = application.clientId;

    if (clientId === null) {
      return { result: { reason: 'the service has no credential' }, skipped: true };
    }

    if (operation.kind === 'suspend' || operation.kind === 'revoke') {
      await this.access.revokeAll(clientId);

      return { result: { principal: `User:${clientId}`, removed: true } };
    }

    const grant = {
      groupPrefix: `${application.serviceId}.`,
      read: application.readTopics.map((topic) => this.topics.physical(topic)),
      write: application.writeTopics.map((topic) => this.topics.physical(topic)),
    };

    await this.access.grant(clientId, grant);

    return { result: { ...grant, principal: `User:${clientId}` } };
  }
}
