import { Module } from '@nestjs/common';

import { EncodersModule } from '../encoders/encoders.module';

import { HealthController } from './health.controller';

@Module({ controllers: [HealthController], imports: [EncodersModule] })
export class HealthModule {}
