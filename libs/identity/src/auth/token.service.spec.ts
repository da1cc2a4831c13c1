import { TokenService } from './token.service';

const USER = '5b0c3f4e-8a1d-4c2b-9e7f-1a2b3c4d5e6f';

describe('TokenService', () => {
  afterEach(() => jest.useRealTimers());

  it('answers a token verified before from memory, and still refuses it once expired', () => {
    jest.useFakeTimers({ now: new Date('2026-12-01T12:00:00Z') });
    const tokens = new TokenService({ secret: 'unit-secret-unit-secret-unit-secret-42', ttlSeconds: 60 });
    const token = tokens.sign(USER, 3);
    expect(tokens.verify(token)).toEqual({ userId: USER, sessionVersion: 3 });
    expect(tokens.verify(token)).toEqual({ userId: USER, sessionVersion: 3 });
    jest.setSystemTime(new Date('2026-12-01T12:00:59Z'));
    expect(tokens.verify(token)).toEqual({ userId: USER, sessionVersion: 3 });
    jest.setSystemTime(new Date('2026-12-01T12:01:00Z'));
    expect(() => tokens.verify(token)).toThrow('Jeton invalide ou expiré');
  });

  it('refuses a token signed with another key, whatever it verified before', () => {
    const tokens = new TokenService({ secret: 'unit-secret-unit-secret-unit-secret-42', ttlSeconds: 60 });
    const other = new TokenService({ secret: 'other-secret-other-secret-other-secret', ttlSeconds: 60 });
    const token = other.sign(USER, 1);
    expect(other.verify(token)).toEqual({ userId: USER, sessionVersion: 1 });
    expect(() => tokens.verify(token)).toThrow('Jeton invalide ou expiré');
    expect(() => tokens.verify(`${tokens.sign(USER, 1)}x`)).toThrow('Jeton invalide ou expiré');
  });
});
