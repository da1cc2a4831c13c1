import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { GeneratedDocument } from './generated-document.entity';

/** The store of generated PDF records, and the PDF kit every capability renders with. */
@Module({
  imports: [TypeOrmModule.forFeature([GeneratedDocument])],
  controllers: [DocumentsController],
  providers: [DocumentsService],
  exports: [DocumentsService],
})
export class DocumentsModule {}
