import { Injectable } from '@nestjs/common';

import type { RemoteStep, StepContext, StepOutcome } from '../operation-step';
import { ServiceTopics } from '../service-topics';

/** Creates the topics the service writes; the topics it reads exist already. */
@Injectable()
export class TopicsStep implements RemoteStep {
  readonly kind = 'remote';

  readonly name = 'topics';

  constructor(private readonly topics: ServiceTopics) {}

  async run({ application }: StepContext): Promise<StepOutcome> {
    if (application.writeTopics.length === 0) {
      return { result: { reason: 'the service writes no topics' }, skipped: true };
    }

    const created = await this.topics.create(application.writeTopics);

    return { result: { topics: created } };
  }
}
