/**
 * What each layer of `GET /organisations` (and of a read, `GET /organisations/:id`) costs on PostgreSQL, next to
 * a no-op route of the same process. In-process (the application runs in the bench process, no build needed):
 *   node -r ./scripts/ts-register.js bench/layers.ts [iterations] [organisations]
 *
 * 1. Whole requests, one at a time over a kept-alive connection (median latency): the no-op `GET /health/live`,
 *    the list, the read; their ratio is what throughput would be if the process did nothing else.
 * 2. Each layer on its own, with the application's own objects and the same caller (median of `iterations`
 *    runs, in µs): token check, membership load (cached and uncached), CASL ability (shared and rebuilt),
 *    query build (tenant filter + CASL rules → SQL text), SQL (the query's text sent raw), hydration (TypeORM
 *    turning rows into entities), query validation (the global ValidationPipe on the page query), the view
 *    (`warnings`) and JSON serialisation.
 */
import { Agent, request } from 'node:http';
import type { ArgumentMetadata } from '@nestjs/common';
import { abilityFor, scopedQuery } from '@vigie/authz';
import { createValidationPipe, PageQuery, RequestContext } from '@vigie/core';
import { Organisation, OrganisationsService, TokenService } from '@vigie/identity';
import { findPage } from '@vigie/db';
import { DataSource } from 'typeorm';
import { ActorLoader } from '../libs/identity/src/auth/actor.loader';
import { organisationWarnings } from '../libs/identity/src/organisations/organisation-details';
import { call, startBench } from './certification-setup';

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function get(url: string, token?: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(
      url,
      { agent, headers: token ? { authorization: `Bearer ${token}` } : {} },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => done({ status: response.statusCode ?? 0, body }));
      },
    );
    req.on('error', fail);
    req.end();
  });
}

function post(url: string, token: string, body: object): Promise<number> {
  return new Promise((done, fail) => {
    const text = JSON.stringify(body);
    const req = request(
      url,
      {
        agent,
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      },
      (response) => {
        response.resume();
        response.on('end', () => done(response.statusCode ?? 0));
      },
    );
    req.on('error', fail);
    req.end(text);
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** A layer's cost: median wall-clock time and mean CPU time of this process (user + system), in µs. */
interface Cost {
  wall: number;
  cpu: number;
}

/**
 * Times `work` (after a tenth of the runs as warm-up). On a loaded machine the wall-clock time is mostly
 * waiting for a core; the CPU time is what the layer costs the process, and what bounds its throughput.
 */
async function timeIt(iterations: number, work: (i: number) => unknown): Promise<Cost> {
  for (let i = 0; i < Math.ceil(iterations / 10); i += 1) await work(i);
  const samples: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < iterations; i += 1) {
    const start = process.hrtime.bigint();
    await work(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  const cpu = process.cpuUsage(cpuStart);
  return { wall: median(samples), cpu: (cpu.user + cpu.system) / iterations };
}

const minus = (a: Cost, ...others: Cost[]): Cost => ({
  wall: Math.max(
    0,
    others.reduce((left, o) => left - o.wall, a.wall),
  ),
  cpu: Math.max(
    0,
    others.reduce((left, o) => left - o.cpu, a.cpu),
  ),
});

async function main(): Promise<void> {
  const iterations = Number(process.argv[2] ?? 400);
  const organisations = Number(process.argv[3] ?? 20);
  const bench = await startBench('postgres');
  try {
    for (let i = 0; i < organisations; i += 1) {
      await bench.sql(
        `INSERT INTO organisation (id, name, short_name, kind) VALUES (gen_random_uuid(), $1, $2, 'member')`,
        [`Commune de Banc ${String(i).padStart(3, '0')}`, `BANC${i}`],
      );
    }
    const root = bench.url.replace(/\/api\/v1$/, '');
    const list = await call(bench.url, bench.token, 'GET', '/organisations');
    const id = list.items[0].id as string;
    const app = bench.vigie.app;
    const tokens = app.get(TokenService);
    const actors = app.get(ActorLoader);
    const dataSource = app.get(DataSource);
    const { userId, sessionVersion } = tokens.verify(bench.token);
    const actor = (await actors.load(userId, sessionVersion))!;
    const ctx = () => new RequestContext('bench', actor);

    // 1. Whole requests.
    const noop = await timeIt(iterations, () => get(`${root}/health/live`));
    const listMs = await timeIt(iterations, () => get(`${bench.url}/organisations`, bench.token));
    const readMs = await timeIt(iterations, () => get(`${bench.url}/organisations/${id}`, bench.token));

    // 2. Layers.
    const verify = await timeIt(iterations, () => tokens.verify(bench.token));
    const loadCached = await timeIt(iterations, () => actors.load(userId, sessionVersion));
    const loadUncached = await timeIt(iterations, () => {
      actors.invalidate(userId);
      return actors.load(userId, sessionVersion);
    });
    const abilityShared = await timeIt(iterations, () => abilityFor(ctx()));
    const abilityBuilt = await timeIt(iterations, (i) =>
      // A caller signature never seen: the ability is built from the role table.
      abilityFor(
        new RequestContext('bench', {
          ...actor,
          userId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        }),
      ),
    );
    const listQuery = () =>
      scopedQuery(dataSource.manager, ctx(), 'read', 'Organisation', Organisation, 'o')
        .orderBy('o.name', 'ASC')
        .addOrderBy('o.id', 'ASC')
        .addSelect('COUNT(*) OVER ()', 'page_total')
        .offset(0)
        .limit(50);
    const build = await timeIt(iterations, () => listQuery().getQueryAndParameters());
    const [sql, parameters] = listQuery().getQueryAndParameters();
    const rawSql = await timeIt(iterations, () => dataSource.query(sql, parameters));
    const sqlAndHydration = await timeIt(iterations, () => listQuery().getRawAndEntities());
    const readQuery = () =>
      scopedQuery(dataSource.manager, ctx(), 'read', 'Organisation', Organisation, 'row').andWhere(
        'row.id = :id',
        { id },
      );
    const [readSql, readParameters] = readQuery().getQueryAndParameters();
    const readBuild = await timeIt(iterations, () => readQuery().getQueryAndParameters());
    const readRaw = await timeIt(iterations, () => dataSource.query(readSql, readParameters));
    const readFull = await timeIt(iterations, () => readQuery().getOne());
    const service = app.get(OrganisationsService);
    const pageQuery = Object.assign(new PageQuery(), {});
    const serviceList = await timeIt(iterations, () => service.listAnswer(ctx(), pageQuery, (page) => page));
    const entityList = await timeIt(iterations, () =>
      findPage(
        scopedQuery(dataSource.manager, ctx(), 'read', 'Organisation', Organisation, 'o')
          .orderBy('o.name', 'ASC')
          .addOrderBy('o.id', 'ASC'),
        pageQuery,
      ),
    );
    const pipe = createValidationPipe();
    const metadata: ArgumentMetadata = { type: 'query', metatype: PageQuery };
    const validation = await timeIt(iterations, () => pipe.transform({}, metadata));
    const { entities } = await listQuery().getRawAndEntities();
    const view = await timeIt(iterations, () =>
      entities.map((o) => ({ ...o, warnings: organisationWarnings(o) })),
    );
    const page = { items: entities.map((o) => ({ ...o, warnings: organisationWarnings(o) })), total: 1 };
    const json = await timeIt(iterations, () => JSON.stringify(page));

    // A create as the administrator (validated DTO, transaction, audit event): a fifth as many runs.
    const adminToken = bench.adminToken;
    let created = 0;
    const createMs = await timeIt(Math.ceil(iterations / 5), async () => {
      created += 1;
      const status = await post(`${bench.url}/organisations`, adminToken, {
        name: `Commune créée ${created}`,
        shortName: `CREE${created}`,
        kind: 'member',
      });
      if (status !== 201) throw new Error(`POST /organisations answered ${status}`);
    });

    const row = (label: string, cost: Cost, of = listMs) =>
      `${label.padEnd(52)}${cost.cpu.toFixed(0).padStart(7)} µs${((100 * cost.cpu) / of.cpu)
        .toFixed(0)
        .padStart(5)} %${cost.wall.toFixed(0).padStart(9)} µs`;
    console.log(
      `GET /organisations: ${entities.length} organisations on the page; ${iterations} runs; ` +
        `Node ${process.version}; load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`,
    );
    console.log(`\n${'whole requests, one at a time'.padEnd(52)}  CPU (mean)  share  wall (median)`);
    console.log(row('no-op GET /health/live', noop));
    console.log(row('GET /organisations', listMs));
    console.log(row('GET /organisations/:id', readMs));
    console.log(row('POST /organisations (administrator)', createMs));
    console.log(
      `CPU ratio to the no-op (what bounds throughput): list ${(noop.cpu / listMs.cpu).toFixed(2)}, ` +
        `read ${(noop.cpu / readMs.cpu).toFixed(2)}, create ${(noop.cpu / createMs.cpu).toFixed(2)}`,
    );
    console.log("\nlayers of the list (share: of the list request's CPU)");
    console.log(row('guard: token check (HS256)', verify));
    console.log(row('guard: memberships, cached (1 s)', loadCached));
    console.log(row('guard: memberships, read from the database', loadUncached));
    console.log(row('CASL ability, shared by the same caller', abilityShared));
    console.log(row('CASL ability, built from the role table', abilityBuilt));
    console.log(row('query build (tenant filter + CASL rules → SQL)', build));
    console.log(row('SQL (the same text sent raw, with its round trip)', rawSql));
    console.log(
      row('hydration (getRawAndEntities − build − raw SQL)', minus(sqlAndHydration, build, rawSql)),
    );
    console.log(
      row('the list service: answer kept while no organisation changes (its mark read)', serviceList),
    );
    console.log(row('  the same by the entity path (build, runner, hydration)', entityList));
    console.log(row('query validation (ValidationPipe on PageQuery)', validation));
    console.log(row('view (warnings of each organisation)', view));
    console.log(row('JSON serialisation of the page', json));
    const layers = [verify, loadCached, abilityShared, serviceList, validation, view, json];
    console.log(
      row('rest: HTTP, Express, Nest routing, middlewares, logging', minus(listMs, noop, ...layers)),
    );
    console.log("\nlayers of the read (share: of the read request's CPU)");
    console.log(row('query build', readBuild, readMs));
    console.log(row('SQL (raw)', readRaw, readMs));
    console.log(row('hydration (getOne − build − raw SQL)', minus(readFull, readBuild, readRaw), readMs));
  } finally {
    agent.destroy();
    await bench.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
