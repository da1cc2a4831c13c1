import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { unscoped } from '@vigie/authz';
import { Endpoint } from '@vigie/core';
import { DataSource } from 'typeorm';

const READY_TIMEOUT_MS = 2000;

@ApiTags('Health')
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('live')
  @Endpoint('The process answers', 'public')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Endpoint('The database answers too (503 when it does not)', 'public')
  async ready(): Promise<{ status: 'ok'; database: 'up' }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([
        unscoped(this.dataSource, 'the readiness probe asks the database for SELECT 1').query('SELECT 1'),
        timeout,
      ]);
      return { status: 'ok', database: 'up' };
    } catch {
      throw new ServiceUnavailableException('Base de données indisponible');
    } finally {
      clearTimeout(timer);
    }
  }
}
