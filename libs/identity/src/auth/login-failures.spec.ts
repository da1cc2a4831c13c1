import { loadConfig } from '@vigie/core';
import { LoginFailures } from './login-failures';

describe('LoginFailures', () => {
  const config = loadConfig({ VIGIE_LOGIN_ATTEMPTS: '3', VIGIE_LOGIN_WINDOW_SECONDS: '60' });

  it('blocks an address and email after the limit until the window ends', () => {
    const failures = new LoginFailures(config);
    for (let i = 0; i < 3; i += 1) {
      failures.assertAllowed('1.2.3.4', 'a@b.fr', 1000);
      failures.recordFailure('1.2.3.4', 'A@b.fr', 1000);
    }
    expect(() => failures.assertAllowed('1.2.3.4', 'a@b.fr', 2000)).toThrow(
      /Trop de connexions échouées ; réessayez dans 59 secondes/,
    );
    expect(() => failures.assertAllowed('5.6.7.8', 'a@b.fr', 2000)).not.toThrow();
    expect(() => failures.assertAllowed('1.2.3.4', 'other@b.fr', 2000)).not.toThrow();
    expect(() => failures.assertAllowed('1.2.3.4', 'a@b.fr', 61_001)).not.toThrow();
  });

  it('forgets the failures after a success', () => {
    const failures = new LoginFailures(config);
    failures.recordFailure('1.2.3.4', 'a@b.fr', 0);
    failures.recordFailure('1.2.3.4', 'a@b.fr', 0);
    failures.recordSuccess('1.2.3.4', 'a@b.fr');
    failures.recordFailure('1.2.3.4', 'a@b.fr', 0);
    expect(() => failures.assertAllowed('1.2.3.4', 'a@b.fr', 0)).not.toThrow();
  });
});
