import { Module } from '@nestjs/common';

import { JobRepository } from './job.repository';
import { JobsController } from './jobs.controller';
import { PersonalizationRequestsController } from './personalization-requests.controller';

@Module({
  controllers: [JobsController, PersonalizationRequestsController],
  exports: [JobRepository],
  providers: [JobRepository],
})
export class JobsModule {}
