import { Module } from '@nestjs/common';

import { JobsModule } from '../jobs/jobs.module';

import { EncoderRepository } from './encoder.repository';
import { EncoderSupervisor } from './encoder-supervisor.service';
import { EncodersController } from './encoders.controller';
import { JobOutcomes } from './job-outcomes.service';

@Module({
  controllers: [EncodersController],
  exports: [EncoderRepository, EncoderSupervisor],
  imports: [JobsModule],
  providers: [EncoderRepository, EncoderSupervisor, JobOutcomes],
})
export class EncodersModule {}
