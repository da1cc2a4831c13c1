/**
 * The busy time of a CPU profile of the server (`node --cpu-prof`), by layer of a request: each sample goes to
 * the first rule (query build, hydration, SQL driver, CASL, guard, logging, helmet, validation, JSON, …) that
 * one frame of its stack matches, in that order; what no rule claims is Node's own HTTP and event loop.
 *   node bench/cpuprofile-layers.js server.cpuprofile [skip seconds] [window seconds]
 * e.g. a server started with --cpu-prof under autocannon: skip its start, keep the seconds of the load.
 */
const fs = require('fs');
const p = JSON.parse(fs.readFileSync(process.argv[2]));
const skip = Number(process.argv[3] ?? 0) * 1e6,
  win = Number(process.argv[4] ?? 1e9) * 1e6;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const rules = [
  // The plain records (libs/db/src/plain-rows.ts, timestamps.ts), called from pg's row parsing: first.
  [/^recordOf$|^recordOfArray$|^parseTimestamptz$/, 'libs/db', 'hydration (TypeORM rows → entities, dates)'],
  [/getQueryAndParameters|^getQuery$/, 'typeorm', 'query build (TypeORM SQL text)'],
  [
    /^transform$|transformColumns|transformRawResultsGroup|prepareHydratedValue/,
    'typeorm',
    'hydration (TypeORM rows → entities, dates)',
  ],
  [/./, 'postgres-date', 'hydration (TypeORM rows → entities, dates)'],
  [/./, 'libs/db/src/base.entity.ts', 'hydration (TypeORM rows → entities, dates)'],
  [/./, 'pg', 'SQL (pg driver, protocol, pool, socket)'],
  [/./, 'pg-protocol', 'SQL (pg driver, protocol, pool, socket)'],
  [/./, 'pg-pool', 'SQL (pg driver, protocol, pool, socket)'],
  [/./, 'pg-types', 'SQL (pg driver, protocol, pool, socket)'],
  [/./, 'typeorm', 'TypeORM other (query runner, result handling)'],
  [/applyScope|scopedQuery|abilityToBrackets|abilityFor|tenantScope/, 'libs/authz', 'CASL + tenant filter'],
  [/./, '@casl/ability', 'CASL + tenant filter'],
  [/./, '@ucast/mongo2js', 'CASL + tenant filter'],
  [/./, 'libs/identity/src/auth', 'guard (token, actor, session version)'],
  [/./, 'jsonwebtoken', 'guard (token, actor, session version)'],
  [/./, 'pino-http', 'logging (pino-http)'],
  [/./, 'pino', 'logging (pino-http)'],
  [/./, '@pinojs/redact', 'logging (pino-http)'],
  [/./, 'nestjs-pino', 'logging (pino-http)'],
  [/./, 'helmet', 'helmet'],
  [/./, 'class-validator', 'query validation'],
  [/./, 'class-transformer', 'query validation'],
  [/ValidationPipe|^transform$/, '@nestjs/common', 'query validation'],
  [/^stringify$/, 'express', 'JSON serialisation'],
  [/asView|organisationWarnings/, 'libs/identity/src/organisations', 'view (warnings)'],
  [/./, 'libs/identity/src/organisations', 'controller + service'],
  [/./, 'libs/db', 'controller + service'],
  [/_writeGeneric|_writev|writev|writeBuffer/, 'node:', 'HTTP answer write (headers, socket)'],
  [/./, 'libs/core', 'middlewares of Vigie'],
  [/./, 'apps/api', 'middlewares of Vigie'],
  [/./, '@nestjs/core', 'Nest (router, guards, pipes, interceptors)'],
  [/./, '@nestjs/common', 'Nest (router, guards, pipes, interceptors)'],
  [/./, '@nestjs/platform-express', 'Nest (router, guards, pipes, interceptors)'],
  [/./, 'rxjs', 'Nest (router, guards, pipes, interceptors)'],
  [/./, 'express', 'Express'],
  [/./, 'router', 'Express'],
  [/./, 'body-parser', 'Express'],
  [/./, 'cors', 'Express'],
  [/./, 'content-type', 'Express'],
  [/./, 'path-to-regexp', 'Express'],
  [/./, 'type-is', 'Express'],
  [/./, 'finalhandler', 'Express'],
  [/./, 'send', 'Express'],
  [/./, 'parseurl', 'Express'],
  [/./, 'qs', 'Express'],
  [/./, 'media-typer', 'Express'],
  [/./, 'mime-types', 'Express'],
];
const owner = (n) => {
  const url = n.callFrame.url;
  const f = n.callFrame.functionName;
  if (['(idle)', '(program)', '(garbage collector)'].includes(f)) return f;
  if (!url) return '(native)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node:';
  const l = /\/((?:libs|apps|bench)\/.*)$/.exec(url);
  return l ? l[1] : url;
};
const layerOf = (id) => {
  const leaf = byId.get(id);
  const o = owner(leaf);
  if (o === '(idle)') return null;
  if (o === '(garbage collector)') return 'GC';
  if (o === '(program)') return '(program)';
  const stack = [];
  let cur = id;
  while (cur !== undefined) {
    const n = byId.get(cur);
    stack.push([owner(n), n.callFrame.functionName]);
    cur = parent.get(cur);
  }
  for (const [fre, o2, layer] of rules)
    for (const [ow, f] of stack) if ((ow === o2 || ow.startsWith(o2 + '/')) && fre.test(f)) return layer;
  return 'Node HTTP, net, event loop';
};
let t = p.startTime;
const counts = new Map();
let busy = 0;
for (let i = 0; i < p.samples.length; i++) {
  t += p.timeDeltas[i];
  if (t - p.startTime < skip || t - p.startTime > skip + win) continue;
  const l = layerOf(p.samples[i]);
  if (!l) continue;
  busy++;
  counts.set(l, (counts.get(l) ?? 0) + 1);
}
for (const [k, c] of [...counts].sort((a, b) => b[1] - a[1]))
  console.log(((100 * c) / busy).toFixed(1).padStart(5) + ' %', k);
console.log('busy samples', busy);
