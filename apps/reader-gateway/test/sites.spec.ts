import { PersonalizationRequested } from '@bitaqa/contracts';
import type { ErrorBody } from '@bitaqa/http';
import { waitFor } from '@bitaqa/testing';

import type { JobView } from '../src/jobs/jobs.controller';

import { personalizationRequest } from './support/builders';
import { Harness } from './support/harness';

describe('encoder sites', () => {
  let harness: Harness;

  beforeAll(async () => {
    // No feeder: queued jobs stay queued, which is all this suite looks at.
    harness = await Harness.start('sites', { feeder: null, sites: ['SY02'] });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('takes only its own sites', async () => {
    const mine = personalizationRequest({ siteId: 'SY02' });
    const other = personalizationRequest({ siteId: 'SY01' });
    const unsited = personalizationRequest();

    await harness.publish(PersonalizationRequested, other);
    await harness.publish(PersonalizationRequested, unsited);
    await harness.publish(PersonalizationRequested, mine);

    // Requests of one card number share a partition, but these three may not, so the suite
    // waits for its own job and then for the consumer to pass the other two.
    const queued = await waitFor('the SY02 job', async () => {
      const { body, status } = await harness.http<JobView>(`/jobs/${mine.jobId}`);

      return status === 200 ? body : undefined;
    });
    const skipped = await waitFor('the other requests processed', async () => {
      const rows = await harness.prisma.$queryRaw<{ count: bigint }[]>`
        SELECT COUNT(*) AS count FROM inbox_events`;

      return Number(rows[0]?.count ?? 0) >= 3 ? true : undefined;
    });
    const otherJob = await harness.http<ErrorBody>(`/jobs/${other.jobId}`);
    const unsitedJob = await harness.http<ErrorBody>(`/jobs/${unsited.jobId}`);

    expect(queued.cardNumber).toBe(mine.cardNumber);
    expect(skipped).toBe(true);
    expect(otherJob.status).toBe(404);
    expect(unsitedJob.status).toBe(404);
  });
});
