import { Module } from '@nestjs/common';
import { JobQueue } from './job-queue';

/** The job queue, imported by the capabilities that define background or scheduled work. */
@Module({ providers: [JobQueue], exports: [JobQueue] })
export class JobsModule {}
