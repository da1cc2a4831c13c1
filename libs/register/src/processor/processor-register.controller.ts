import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, RequestContext } from '@vigie/core';
import { ProcessorRegister, ProcessorRegisterService } from './processor-register.service';

@ApiTags('Register of processing activities')
@ApiBearerAuth()
@Controller('processor-register')
export class ProcessorRegisterController {
  constructor(private readonly register: ProcessorRegisterService) {}

  @Get()
  @Endpoint("The operator's register as a processor (Art. 30.2), derived from deployments (operator roles)", {
    action: 'read',
    subject: 'ProcessorRegister',
  })
  get(@Ctx() ctx: RequestContext): Promise<ProcessorRegister> {
    return this.register.build(ctx);
  }
}
