import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lines, problems } from './config-test-support.js';
import { parseConfig } from './index.js';

describe('parseConfig: auth.oidc and people\'s time zones', () => {
  it('reads a provider with defaults for what is left out', () => {
    const config = parseConfig(lines(
      'auth:',
      '  oidc:',
      '    issuer: https://login.example.com/realms/acme',
      '    client_id: incident-response',
      '    client_secret_env: OIDC_CLIENT_SECRET',
      '    redirect_url: https://ir.example.com/app/auth/oidc/callback',
      '    claims: { groups: groups }',
      '    groups:',
      '      ir-admins: { role: admin }',
      '      security: { teams: [security] }',
    ), 'ir.yaml');
    assert.deepEqual(config.auth?.oidc, {
      issuer: 'https://login.example.com/realms/acme',
      clientId: 'incident-response',
      clientSecretEnv: 'OIDC_CLIENT_SECRET',
      clientSecretFile: undefined,
      redirectUrl: 'https://ir.example.com/app/auth/oidc/callback',
      scopes: ['openid', 'email', 'profile'],
      claims: { person: 'preferred_username', email: 'email', groups: 'groups' },
      groups: { 'ir-admins': { role: 'admin', teams: [] }, security: { role: undefined, teams: ['security'] } },
      defaultRole: 'responder',
      unknownUsers: 'refuse',
      buttonLabel: 'Sign in with single sign-on',
    });
  });

  it('names the line and key of each mistake', () => {
    assert.deepEqual(problems(lines(
      'auth:',
      '  oidc:',
      '    issuer: login.example.com',
      '    client_id: incident-response',
      '    client_secret_env: my-secret-value',
      '    redirect_url: https://ir.example.com/callback',
      '    scopes: [email]',
      '    groups: { ops: { role: root } }',
      '    unknown_users: admin',
    )), [
      '3:13 auth.oidc.issuer: expected an http(s) URL such as https://login.example.com/realms/acme',
      '5:24 auth.oidc.client_secret_env: give the name of an environment variable (capital letters, digits and "_", e.g. OIDC_CLIENT_SECRET), not the secret itself',
      '6:19 auth.oidc.redirect_url: the redirect URL ends in /app/auth/oidc/callback, e.g. https://ir.example.com/app/auth/oidc/callback',
      '7:13 auth.oidc.scopes: the scopes must include openid',
      "8:28 auth.oidc.groups.ops.role: unknown role 'root' (viewer, responder, commander, admin)",
      "9:20 auth.oidc.unknown_users: unknown unknown users 'admin' (refuse, viewer)",
    ]);
  });

  it('wants exactly one place for the client secret', () => {
    const base = ['auth:', '  oidc:', '    issuer: https://id.example.com', '    client_id: ir', '    redirect_url: https://ir.example.com/app/auth/oidc/callback'];
    assert.match(problems(lines(...base)).join('\n'), /auth\.oidc\.client_secret_env: give the client secret as exactly one of client_secret_env or client_secret_file/);
    assert.match(problems(lines(...base, '    client_secret_env: S', '    client_secret_file: /run/secrets/oidc')).join('\n'), /exactly one of/);
  });

  it('reads a person\'s time zone and refuses one that is not an IANA zone, naming it', () => {
    const config = parseConfig(lines('people:', '  alice: { time_zone: Europe/Berlin }', '  bob: {}'), 'ir.yaml');
    assert.deepEqual(config.people.map((p) => [p.id, p.timeZone]), [['alice', 'Europe/Berlin'], ['bob', undefined]]);
    assert.deepEqual(problems(lines('people:', '  alice: { time_zone: Europe/Berln }')), [
      "2:23 people.alice.time_zone: unknown time zone 'Europe/Berln' — did you mean 'Europe/Berlin'? (use an IANA name such as Europe/Berlin, America/New_York or UTC)",
    ]);
  });
});
