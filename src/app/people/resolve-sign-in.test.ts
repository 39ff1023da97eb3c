import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OidcConfig } from '../config/index.js';
import type { Person, Team } from '../../domain/oncall/index.js';
import { resolveSignIn } from './resolve-sign-in.js';

const person = (id: string, email?: string): Person => ({
  id, name: id, notificationRules: [],
  contactMethods: email === undefined ? [] : [{ id: `${id}-email-1`, kind: 'email', address: email, isVerified: true }],
});
const PEOPLE = [person('alice', 'alice@example.com'), person('bob', 'Bob@Example.com'), person('carol')];
const TEAMS: Team[] = [{ id: 'payments', name: 'Payments', memberIds: ['bob'], leadIds: ['carol'], executiveIds: [] }];
const OIDC: OidcConfig = {
  issuer: 'https://id.example.com', clientId: 'ir', clientSecretEnv: 'S', clientSecretFile: undefined, redirectUrl: 'https://ir.example.com/app/auth/oidc/callback',
  scopes: ['openid'], claims: { person: 'preferred_username', email: 'email', groups: 'groups' },
  groups: { admins: { role: 'admin', teams: [] }, commanders: { role: 'commander', teams: [] }, sec: { role: undefined, teams: ['security'] } },
  defaultRole: 'responder', unknownUsers: 'refuse', buttonLabel: 'Sign in',
};

describe('resolveSignIn: claims to a person, role and teams', () => {
  const cases: [string, Record<string, unknown>, Partial<OidcConfig>, unknown][] = [
    ['the person claim names a person', { sub: '1', preferred_username: 'carol' }, {}, { name: 'carol', role: 'responder', teams: ['payments'] }],
    ['else the email matches an email contact method, whatever its case', { sub: '2', email: 'bob@example.COM' }, {}, { name: 'bob', role: 'responder', teams: ['payments'] }],
    ['the highest role of the groups wins; groups add teams', { sub: '3', email: 'alice@example.com', groups: ['commanders', 'admins', 'sec', 'unknown'] }, {}, { name: 'alice', role: 'admin', teams: ['security'] }],
    ['a single group may come as a string', { sub: '3', email: 'alice@example.com', groups: 'sec' }, {}, { name: 'alice', role: 'responder', teams: ['security'] }],
    ['groups are ignored when no groups claim is configured', { sub: '3', email: 'alice@example.com', groups: ['admins'] }, { claims: { person: 'preferred_username', email: 'email', groups: undefined } }, { name: 'alice', role: 'responder', teams: [] }],
    ['an unverified email matches nobody', { sub: '4', email: 'alice@example.com', email_verified: false }, {}, 'refused'],
    ['someone unknown is refused by default', { sub: '5', email: 'eve@example.net', groups: ['admins'] }, {}, 'refused'],
    ['or is a viewer without teams, named by email', { sub: '5', email: 'eve@example.net', groups: ['admins', 'sec'] }, { unknownUsers: 'viewer' }, { name: 'eve@example.net', role: 'viewer', teams: [] }],
    ['or by subject without an email', { sub: 'abc-123' }, { unknownUsers: 'viewer' }, { name: 'abc-123', role: 'viewer', teams: [] }],
  ];
  for (const [name, claims, config, expected] of cases) {
    it(name, () => {
      const r = resolveSignIn(claims, { ...OIDC, ...config }, PEOPLE, TEAMS);
      if (expected === 'refused') {
        assert.equal(r.isAllowed, false);
        if (!r.isAllowed) assert.match(r.reason, /is not one of the people configured here/);
      } else {
        assert.deepEqual(r.isAllowed ? r.principal : r.reason, expected);
      }
    });
  }
});
