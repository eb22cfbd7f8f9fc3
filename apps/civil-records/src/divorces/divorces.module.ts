import { Module } from '@nestjs/common';

import { DivorceBooks } from './divorce-books';
import { DivorcesController } from './divorces.controller';
import { DivorcesService } from './divorces.service';

@Module({ controllers: [DivorcesController], providers: [DivorceBooks, DivorcesService] })
export class DivorcesModule {}
