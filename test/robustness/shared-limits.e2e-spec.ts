import supertest from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { RunningVigie, startVigie } from '../../apps/api/src/runtime';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, TEST_JWT_SECRET, TestApp } from '../support/test-app';
import { as, createWorld, World } from '../support/world';

const api = '/api/v1';

/**
 * Issue 14, item 5: two API instances on one database (two Nest applications in this process, as behind a
 * load balancer) enforce the same limits: the failed sign-ins and the per-user limit of the expensive routes
 * are counted in the database, not in each instance's memory. On PostgreSQL only (the e2e run with DATABASE_URL,
 * as CI does): the embedded database serves one process's single connection, so it has one instance anyway.
 */
(process.env.DATABASE_URL ? describe : describe.skip)('Two instances share their limits (e2e)', () => {
  let first: TestApp;
  let second: RunningVigie;
  let secondHttp: TestAgent;
  let world: World;

  beforeAll(async () => {
    first = await createTestApp({ VIGIE_LOGIN_ATTEMPTS: '3', VIGIE_EXPENSIVE_PER_MINUTE: '3' });
    second = await startVigie(
      first.config,
      { target: first.database.target, embedded: first.database.embedded },
      { jwtSecret: TEST_JWT_SECRET, listen: false },
    );
    secondHttp = supertest.agent(second.app.getHttpServer());
    world = await createWorld(first);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  const instances = () => [first.http, secondHttp, first.http, secondHttp];

  it('counts failed sign-ins across instances: the fourth attempt is refused on either', async () => {
    const statuses: number[] = [];
    for (const http of instances().slice(0, 3)) {
      const response = await http.post(`${api}/auth/login`).send({ email: ADMIN_EMAIL, password: 'mauvais' });
      statuses.push(response.status);
    }
    // Each instance alone has seen one or two failures, below the limit of three.
    expect(statuses).toEqual([401, 401, 401]);
    for (const http of [secondHttp, first.http]) {
      const refused = await http
        .post(`${api}/auth/login`)
        .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
      expect(refused.status).toBe(429);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body.detail).toMatch(/^Trop de connexions échouées ; réessayez dans \d+ secondes$/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('counts a user’s expensive requests across instances', async () => {
    const path = `${api}/organisations/${world.memberA.id}/register.csv`;
    const statuses: number[] = [];
    for (const http of instances()) statuses.push((await http.get(path).set(as(world.readerA))).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const again = await first.http.get(path).set(as(world.readerA));
    expect(again.status).toBe(429);
    expect(again.body.detail).toMatch(/^Trop d’imports ou d’exports demandés \(au plus 3 par minute\)/);
  });
});
