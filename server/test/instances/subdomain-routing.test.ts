// INSTANCE_DOMAIN: pages on <slug>.<domain> land in that instance.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { instanceSlugFromHost } from '../../src/http/subdomains.ts';
import { startHarness, type Harness } from '../support/harness.ts';

let h: Harness;
before(async () => { h = await startHarness({ INSTANCE_DOMAIN: 'ruche.example.test' }); });
after(() => h.close());

test('pages on an instance subdomain redirect to the instance path, keeping the rest of the URL', async () => {
  const home = await h.app.inject({ method: 'GET', url: '/', headers: { host: 'acme.ruche.example.test' } });
  assert.equal(home.statusCode, 302);
  assert.equal(home.headers.location, '/i/acme');
  const admin = await h.app.inject({ method: 'GET', url: '/admin?tab=members', headers: { host: 'acme.ruche.example.test:8443' } });
  assert.equal(admin.headers.location, '/i/acme/admin?tab=members');
});

test('API calls, instance paths, other hosts and non-slug subdomains are left alone', async () => {
  const api = await h.app.inject({ method: 'GET', url: '/healthz', headers: { host: 'acme.ruche.example.test' } });
  assert.equal(api.statusCode, 200);
  const apex = await h.app.inject({ method: 'GET', url: '/', headers: { host: 'ruche.example.test' } });
  assert.notEqual(apex.statusCode, 302);
  assert.equal(instanceSlugFromHost('a.b.ruche.example.test', 'ruche.example.test'), null);
  assert.equal(instanceSlugFromHost('-x-.ruche.example.test', 'ruche.example.test'), null);
  assert.equal(instanceSlugFromHost('acme.evil.test', 'ruche.example.test'), null);
});

test('a malformed INSTANCE_DOMAIN stops start-up with a clear message', () => {
  assert.throws(() => loadConfig({ INSTANCE_DOMAIN: 'not a domain' }), /INSTANCE_DOMAIN must be a domain name/);
});
