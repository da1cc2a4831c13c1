import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A person known to the test provider: the claims it releases (like ProConnect's). */
export interface ProviderAccount {
  sub: string;
  email: string;
  email_verified?: boolean;
  given_name?: string;
  usual_name?: string;
  siret?: string;
  uid?: string;
}

export const TEST_CLIENT_ID = 'vigie-tests';
export const TEST_CLIENT_SECRET = 'secret-of-the-vigie-client-at-the-test-provider';

type Payload = Record<string, unknown> & { exp?: number; uid?: string; grantId?: string; consumed?: number };

/** oidc-provider's storage, in memory, open to the tests (e.g. to make a code expire). */
class MemoryAdapter {
  static readonly store = new Map<string, Payload>();
  constructor(private readonly model: string) {}
  private key(id: string) {
    return `${this.model}:${id}`;
  }
  async upsert(id: string, payload: Payload, expiresIn?: number) {
    MemoryAdapter.store.set(this.key(id), {
      ...payload,
      ...(expiresIn ? { exp: Math.floor(Date.now() / 1000) + expiresIn } : {}),
    });
  }
  async find(id: string) {
    return MemoryAdapter.store.get(this.key(id));
  }
  async findByUserCode() {
    return undefined;
  }
  async findByUid(uid: string) {
    for (const [key, value] of MemoryAdapter.store)
      if (key.startsWith(`${this.model}:`) && value.uid === uid) return value;
    return undefined;
  }
  async consume(id: string) {
    const found = MemoryAdapter.store.get(this.key(id));
    if (found) found.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string) {
    MemoryAdapter.store.delete(this.key(id));
  }
  async revokeByGrantId(grantId: string) {
    for (const [key, value] of MemoryAdapter.store)
      if (value.grantId === grantId) MemoryAdapter.store.delete(key);
  }
}

/** A real OpenID Provider (`oidc-provider` 9) on 127.0.0.1, configured like ProConnect. */
export interface TestProvider {
  issuer: string;
  /** The accounts it knows, by subject. */
  accounts: Map<string, ProviderAccount>;
  /** Who signs in at the next authorization request (the interaction completes by itself). */
  nextLogin: string | undefined;
  /** Makes the authorization code expire (as if the person had waited past its lifetime). */
  expireCode(code: string): void;
  stop(): Promise<void>;
}

/**
 * Starts the provider. Like ProConnect: authorization code flow with PKCE, the claims `given_name`,
 * `usual_name`, `email`, `siret`, `uid` asked for as scopes, the userinfo answered as a signed JWT (RS256),
 * RP-initiated logout with `id_token_hint`. The login and consent interactions complete at once for
 * `nextLogin`; its logout page confirms by itself.
 */
export async function startTestProvider(options: {
  redirectUri: string;
  postLogoutRedirectUri: string;
}): Promise<TestProvider> {
  const { default: Provider } = await import('oidc-provider');
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server: Server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const accounts = new Map<string, ProviderAccount>();
  const state: { nextLogin: string | undefined } = { nextLogin: undefined };

  const provider = new Provider(issuer, {
    adapter: MemoryAdapter as never,
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        client_secret: TEST_CLIENT_SECRET,
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: [options.postLogoutRedirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
        id_token_signed_response_alg: 'RS256',
        userinfo_signed_response_alg: 'RS256',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    scopes: ['openid', 'email', 'given_name', 'usual_name', 'siret', 'uid'],
    claims: {
      email: ['email', 'email_verified'],
      given_name: ['given_name'],
      usual_name: ['usual_name'],
      siret: ['siret'],
      uid: ['uid'],
    },
    findAccount: async (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ ...account }) };
    },
    features: {
      devInteractions: { enabled: false },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: { body: string }, form: string) => {
          ctx.body = `<!DOCTYPE html><html lang="fr"><head><title>Déconnexion</title></head><body>${form.replace(
            '</form>',
            '<input type="hidden" name="logout" value="yes"/></form>',
          )}<script>document.forms[0].submit()</script></body></html>`;
        },
      },
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    ttl: {
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AccessToken: 600,
      IdToken: 600,
    },
  } as never);
  // Plain http on the loopback address: the provider's cookies are not marked Secure.
  const callback = provider.callback();
  handler = (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      void interact(req, res).catch((error: Error) => {
        res.statusCode = 500;
        res.end(error.message);
      });
      return;
    }
    callback(req, res);
  };

  async function interact(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      if (!state.nextLogin) throw new Error('the test set no nextLogin');
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: state.nextLogin } },
        {
          mergeWithLastSubmission: false,
        },
      );
      return;
    }
    const grant = new provider.Grant({
      accountId: details.session!.accountId,
      clientId: String(details.params.client_id),
    });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  return {
    issuer,
    accounts,
    get nextLogin() {
      return state.nextLogin;
    },
    set nextLogin(sub: string | undefined) {
      state.nextLogin = sub;
    },
    expireCode(code: string) {
      const stored = MemoryAdapter.store.get(`AuthorizationCode:${code}`);
      if (!stored) throw new Error('no such authorization code');
      stored.exp = Math.floor(Date.now() / 1000) - 60;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A browser's cookies at one site, for driving the provider over HTTP. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/**
 * Follows the provider's redirects from an authorization URL, with its cookies, until the browser would go
 * back to Vigie: answers that URL (the callback with `code`, `state` and `iss`).
 */
export async function followProvider(start: string, jar: CookieJar, stopAt: string): Promise<URL> {
  let url = new URL(start);
  for (let hop = 0; hop < 10; hop += 1) {
    if (url.href.startsWith(stopAt)) return url;
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(response);
    const location = response.headers.get('location');
    if (!location)
      throw new Error(
        `the provider answered ${response.status} at ${url.pathname}: ${await response.text()}`,
      );
    url = new URL(location, url);
  }
  throw new Error('too many redirects at the provider');
}
