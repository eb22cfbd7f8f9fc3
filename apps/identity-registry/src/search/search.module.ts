import { Module } from '@nestjs/common';

import { AgenciesModule } from '../agencies/agencies.module';

import { IdentitySearch } from './identity-search.service';
import { SearchController } from './search.controller';

@Module({
  controllers: [SearchController],
  imports: [AgenciesModule],
  providers: [IdentitySearch],
})
export class SearchModule {}
