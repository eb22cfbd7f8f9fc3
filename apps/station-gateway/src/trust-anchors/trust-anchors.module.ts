import { Module } from '@nestjs/common';

import { TrustAnchorRepository } from './trust-anchor.repository';
import { TrustAnchorsController } from './trust-anchors.controller';
import { TrustAnchorsService } from './trust-anchors.service';

@Module({
  controllers: [TrustAnchorsController],
  exports: [TrustAnchorsService],
  providers: [TrustAnchorRepository, TrustAnchorsService],
})
export class TrustAnchorsModule {}
