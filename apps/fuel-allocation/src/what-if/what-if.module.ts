import { Module } from '@nestjs/common';

import { CatalogueModule } from '../catalogue/catalogue.module';

import { WhatIfController } from './what-if.controller';
import { WhatIfService } from './what-if.service';

@Module({
  controllers: [WhatIfController],
  imports: [CatalogueModule],
  providers: [WhatIfService],
})
export class WhatIfModule {}
