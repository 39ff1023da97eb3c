import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACCESS_ROLES, PERMISSIONS, canSeeIncidentType, hasPermission, hiddenIncidentTypes, requirePermission, type AccessRole, type Permission } from './index.js';

describe('access roles', () => {
  const expected: Record<AccessRole, Permission[]> = {
    viewer: ['incident:read'],
    responder: ['incident:read', 'incident:work'],
    commander: ['incident:read', 'incident:work', 'incident:command'],
    admin: [...PERMISSIONS],
  };
  for (const role of ACCESS_ROLES) {
    it(`${role} holds exactly ${expected[role].join(', ')}`, () => {
      const p = { name: 'x', role, teams: [] };
      assert.deepEqual(PERMISSIONS.filter((perm) => hasPermission(p, perm)), expected[role]);
    });
  }
  it('says which role is needed', () => {
    assert.throws(() => requirePermission({ name: 'val', role: 'viewer', teams: [] }, 'incident:command'), {
      message: 'val (viewer) may not do this: it needs the commander role.',
    });
  });
});

describe('security incidents', () => {
  it('are visible to the security team and admins only', () => {
    assert.equal(canSeeIncidentType({ name: 'a', role: 'commander', teams: ['payments'] }, 'security'), false);
    assert.equal(canSeeIncidentType({ name: 'b', role: 'viewer', teams: ['security'] }, 'security'), true);
    assert.equal(canSeeIncidentType({ name: 'c', role: 'admin', teams: [] }, 'security'), true);
    assert.equal(canSeeIncidentType({ name: 'a', role: 'viewer', teams: [] }, 'outage'), true);
    assert.deepEqual(hiddenIncidentTypes({ name: 'a', role: 'responder', teams: [] }), ['security']);
  });
});
