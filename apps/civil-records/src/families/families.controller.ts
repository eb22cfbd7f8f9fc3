import { Controller, Get, Param } from '@nestjs/common';

import { ZodValidationPipe } from '@bitaqa/http';

import { FamiliesService } from './families.service';
import { familyIdParams, type FamilyView } from './family-view';

@Controller('families')
export class FamiliesController {
  constructor(private readonly families: FamiliesService) {}

  @Get(':familyId')
  get(
    @Param(new ZodValidationPipe(familyIdParams)) params: { familyId: string },
  ): Promise<FamilyView> {
    return this.families.get(params.familyId);
  }
}
