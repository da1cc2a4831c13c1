import { createHash } from 'node:crypto';
import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Endpoint, NotFoundException } from '@vigie/core';
import type { Request, Response } from 'express';
import { renderRegisterCsv } from './public-register.csv';
import { PUBLIC_CSP, renderEntryPage, renderNotFoundPage, renderRegisterPage } from './public-register.html';
import { PublicRegister, PublicRegisterService } from './public-register.service';
import { PublicRegisterDocument } from './public-register.schema';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Headers of every public answer: any site may frame the pages (a town embeds its register in its own site),
 * anyone may read the open data from a script, nothing runs but the pages' own style. Caches may keep a copy
 * but must check it at each use (`no-cache` with an ETag: a 304 costs nothing), so that unpublishing takes
 * effect at once everywhere, not after some max-age.
 */
function publicHeaders(response: Response): void {
  response.removeHeader('X-Frame-Options');
  response.setHeader('Content-Security-Policy', PUBLIC_CSP);
  response.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  response.setHeader('Access-Control-Allow-Origin', '*');
}

function send(request: Request, response: Response, body: string, contentType: string): void {
  publicHeaders(response);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  response.setHeader('Cache-Control', 'public, no-cache');
  response.setHeader('ETag', etag);
  const match = request.headers['if-none-match'];
  if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    response.status(304).end();
    return;
  }
  response.status(200).type(contentType).send(body);
}

/** Reads the register; a 404 (not published, or no longer) is never kept by a cache. */
async function readOr404(response: Response, read: () => Promise<PublicRegister>): Promise<PublicRegister> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof NotFoundException) {
      publicHeaders(response);
      response.setHeader('Cache-Control', 'no-store');
    }
    throw error;
  }
}

/**
 * A member's public register, without authentication, at the site root (`/public/…`, outside `/api/v1`):
 * HTML pages, JSON and CSV of the same content; 404 while the member's DPO has not published it.
 */
@ApiTags('Public register')
@Controller('public/:shortName')
export class PublicRegisterController {
  constructor(private readonly registers: PublicRegisterService) {}

  /** Reads the register, or answers the French "not published" page. */
  private async page(
    response: Response,
    read: () => Promise<PublicRegister>,
  ): Promise<PublicRegister | undefined> {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof NotFoundException)) throw error;
      publicHeaders(response);
      response.setHeader('Cache-Control', 'no-store');
      response.status(404).type('text/html; charset=utf-8').send(renderNotFoundPage());
      return undefined;
    }
  }

  @Get('registre')
  @Endpoint("A member's published register as an HTML page (French, no script, embeddable)", 'public', 200, {
    produces: 'text/html',
  })
  async html(
    @Param('shortName') shortName: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const register = await this.page(response, () => this.registers.register(shortName));
    if (register) send(request, response, renderRegisterPage(register), 'text/html; charset=utf-8');
  }

  @Get('registre.json')
  @Endpoint("A member's published register as open data (JSON, schema vigie-registre-public v1)", 'public')
  @ApiOkResponse({ type: PublicRegisterDocument })
  async json(
    @Param('shortName') shortName: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const register = await readOr404(response, () => this.registers.register(shortName));
    send(request, response, JSON.stringify(register), 'application/json; charset=utf-8');
  }

  @Get('registre.csv')
  @Endpoint("A member's published register as open data (CSV, one line per entry)", 'public', 200, {
    produces: 'text/csv',
  })
  @ApiProduces('text/csv')
  async csv(
    @Param('shortName') shortName: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const register = await readOr404(response, () => this.registers.register(shortName));
    send(request, response, renderRegisterCsv(register), 'text/csv; charset=utf-8');
  }

  @Get('registre/:id')
  @Endpoint('One entry of a published register as an HTML page', 'public', 200, { produces: 'text/html' })
  async entry(
    @Param('shortName') shortName: string,
    @Param('id') id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const register = await this.page(response, () =>
      UUID.test(id)
        ? this.registers.register(shortName, id)
        : Promise.reject(new NotFoundException('Public register entry')),
    );
    if (register)
      send(request, response, renderEntryPage(register, register.entries[0]), 'text/html; charset=utf-8');
  }
}
