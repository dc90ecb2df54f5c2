// A local OpenID Connect provider that replaces ESIA in tests.
//
// Usage: node end2end/oidc/provider.mjs [port]
//   port                  listening port on 127.0.0.1 (default: $OIDC_PORT, then 0 = any free port)
//   OIDC_REDIRECT_URI     the one redirect URI of the test client (required)
//   OIDC_CLIENT_ID        test client id (default kabinet-test)
//   OIDC_CLIENT_SECRET    test client secret (default kabinet-test-secret)
//   OIDC_CLIENT_JWKS      JSON Web Key Set of a second client, <client id>-jwt, which
//                         authenticates with private_key_jwt (optional)
//   OIDC_GOST_CERT        PEM certificate of a third client, <client id>-gost, which
//                         authenticates like ESIA: client_secret is a detached CMS signature
//                         with GOST R 34.10-2012 of scope + timestamp + client_id + state,
//                         checked with `openssl cms -verify -engine gost` (optional)
//
// The issuer is http://127.0.0.1:<port>. Every authorization request signs in the test
// person and grants the requested scopes without showing a form, so tests drive the flow
// with plain HTTP redirects. Two test-only endpoints change what the next interactions do:
//   POST /test/deny     the next interaction ends with error=access_denied
//   POST /test/person   JSON body: claims that replace the test person's (sub included)
//   POST /test/acr      text body: the authentication context class (acr) of later sign-ins,
//                       one of ACR_VALUES; an empty body leaves it out
// When listening, the script prints one line: `oidc-provider ready <issuer>`.

import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import querystring from 'node:querystring';
import { promisify } from 'node:util';

import { Provider } from 'oidc-provider';

const DEFAULT_PERSON = {
  sub: 'esia-test-1000001',
  family_name: 'Иванова',
  given_name: 'Мария',
  middle_name: 'Петровна',
  birthdate: '1985-04-12',
  phone_number: '+79161234567',
  phone_number_verified: true,
  email: 'maria.ivanova@example.org',
  email_verified: true,
  // 112-233-445 95 without separators; its check digits are valid.
  snils: '11223344595',
};

const port = Number(process.argv[2] ?? process.env.OIDC_PORT ?? 0);
const redirectUri = process.env.OIDC_REDIRECT_URI;
if (!redirectUri) {
  console.error('OIDC_REDIRECT_URI is missing: set it to the redirect URI of the test client');
  process.exit(2);
}

// The levels of assurance the provider can state in `acr`.
const ACR_VALUES = ['urn:kabinet:test:loa:1', 'urn:kabinet:test:loa:2'];

// The secret registered for the GOST client. A token request carries it only after its
// signature has been checked; a request with a bad signature gets another value and fails.
const GOST_CHECKED_SECRET = 'gost-signature-checked';

// How far a signed request's timestamp may be from the provider's clock.
const GOST_TIMESTAMP_TOLERANCE_MS = 5 * 60 * 1000;

let person = { ...DEFAULT_PERSON };
let denyNext = false;
let acr;

function clients() {
  const clientId = process.env.OIDC_CLIENT_ID ?? 'kabinet-test';
  const common = { redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] };
  const list = [
    {
      ...common,
      client_id: clientId,
      client_secret: process.env.OIDC_CLIENT_SECRET ?? 'kabinet-test-secret',
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ];
  if (process.env.OIDC_CLIENT_JWKS) {
    list.push({
      ...common,
      client_id: `${clientId}-jwt`,
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'ES256',
      jwks: JSON.parse(process.env.OIDC_CLIENT_JWKS),
    });
  }
  if (process.env.OIDC_GOST_CERT) {
    list.push({
      ...common,
      client_id: `${clientId}-gost`,
      client_secret: GOST_CHECKED_SECRET,
      token_endpoint_auth_method: 'client_secret_post',
    });
  }
  return list;
}

// Parses ESIA's `yyyy.MM.dd HH:mm:ss +0000` into milliseconds since the epoch.
function parseTimestamp(text) {
  const match = /^(\d{4})\.(\d{2})\.(\d{2}) (\d{2}):(\d{2}):(\d{2}) \+0000$/.exec(text ?? '');
  if (!match) {
    return NaN;
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

// Checks the GOST signature of a token request's parameters against OIDC_GOST_CERT.
async function gostSignatureIsValid(params) {
  const signedAt = parseTimestamp(params.timestamp);
  if (!(Math.abs(Date.now() - signedAt) <= GOST_TIMESTAMP_TOLERANCE_MS) || !params.state || !params.scope) {
    return false;
  }
  const folder = await mkdtemp(join(tmpdir(), 'oidc-gost-'));
  try {
    const signature = join(folder, 'signature.der');
    const content = join(folder, 'content.txt');
    await writeFile(signature, Buffer.from(String(params.client_secret ?? ''), 'base64url'));
    await writeFile(content, `${params.scope}${params.timestamp}${params.client_id}${params.state}`);
    await promisify(execFile)('openssl', [
      'cms', '-verify', '-engine', 'gost', '-binary', '-inform', 'DER', '-in', signature,
      '-content', content, '-CAfile', process.env.OIDC_GOST_CERT, '-out', '/dev/null',
    ]);
    return true;
  } catch {
    return false;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

// Reads a token request of the GOST client and hands it on with the registered secret in
// place of a valid signature. oidc-provider reads an already consumed body from req.body.
async function checkGostTokenRequest(req, gostClientId) {
  const params = querystring.parse(await readBody(req));
  if (params.client_id === gostClientId) {
    params.client_secret = (await gostSignatureIsValid(params)) ? GOST_CHECKED_SECRET : 'invalid-signature';
  }
  req.body = querystring.stringify(params);
}

function configuration(issuer) {
  return {
    clients: clients(),
    acrValues: ACR_VALUES,
    scopes: ['openid', 'profile', 'email', 'phone', 'snils'],
    claims: {
      openid: ['sub'],
      profile: ['family_name', 'given_name', 'middle_name', 'birthdate'],
      email: ['email', 'email_verified'],
      phone: ['phone_number', 'phone_number_verified'],
      snils: ['snils'],
    },
    // Put the granted claims into the ID token, which is all the portal reads.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, interaction) => `${issuer}/interaction/${interaction.uid}` },
    cookies: { keys: ['kabinet-test-provider-cookie-key'] },
    async findAccount(ctx, sub) {
      if (sub !== person.sub) {
        return undefined;
      }
      const claims = { ...person };
      return { accountId: sub, claims: async () => claims };
    },
  };
}

// Finish an interaction at once: deny it when /test/deny was called, otherwise sign the
// test person in and grant every scope and claim of the request.
async function finishInteraction(provider, req, res) {
  const details = await provider.interactionDetails(req, res);
  if (denyNext) {
    denyNext = false;
    await provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'The person declined.' },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  const accountId = person.sub;
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId, clientId: details.params.client_id });
  const missing = details.prompt.details ?? {};
  grant.addOIDCScope((missing.missingOIDCScope ?? []).join(' ') || String(details.params.scope));
  if (missing.missingOIDCClaims) {
    grant.addOIDCClaims(missing.missingOIDCClaims);
  }
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: acr ? { accountId, acr } : { accountId }, consent: { grantId } },
    { mergeWithLastSubmission: true },
  );
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

const server = http.createServer();
server.listen(port, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, configuration(issuer));
  const callback = provider.callback();
  server.on('request', async (req, res) => {
    try {
      if (req.method === 'POST' && req.url === '/test/deny') {
        denyNext = true;
        res.writeHead(204).end();
      } else if (req.method === 'POST' && req.url === '/test/person') {
        person = { ...DEFAULT_PERSON, ...JSON.parse(await readBody(req)) };
        res.writeHead(204).end();
      } else if (req.method === 'POST' && req.url === '/test/acr') {
        const value = (await readBody(req)).trim();
        if (value !== '' && !ACR_VALUES.includes(value)) {
          res.writeHead(400).end();
          return;
        }
        acr = value || undefined;
        res.writeHead(204).end();
      } else if (req.method === 'GET' && req.url.startsWith('/interaction/')) {
        await finishInteraction(provider, req, res);
      } else if (req.method === 'POST' && req.url === '/token' && process.env.OIDC_GOST_CERT) {
        await checkGostTokenRequest(req, `${process.env.OIDC_CLIENT_ID ?? 'kabinet-test'}-gost`);
        callback(req, res);
      } else {
        callback(req, res);
      }
    } catch (error) {
      console.error(`request ${req.method} ${req.url} failed:`, error);
      res.writeHead(500).end();
    }
  });
  console.log(`oidc-provider ready ${issuer}`);
});
