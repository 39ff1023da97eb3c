import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { renderChart } from './render-chart.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(repo, path), 'utf8');

interface Instruction { instruction: string; args: string }
interface Stage { image: string; name: string | undefined; steps: Instruction[] }

/** The Dockerfile as stages (continuation lines joined, comments dropped). */
function dockerStages(text: string): Stage[] {
  const stages: Stage[] = [];
  for (const line of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'))) {
    const [, instruction, args] = /^(\w+)\s+(.*)$/.exec(line)!;
    if (instruction!.toUpperCase() === 'FROM') {
      const [, image, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args!)!;
      stages.push({ image: image!, name, steps: [] });
    } else stages.at(-1)!.steps.push({ instruction: instruction!.toUpperCase(), args: args! });
  }
  return stages;
}

describe('the Dockerfile', () => {
  const stages = dockerStages(read('Dockerfile'));
  const runtime = stages.at(-1)!;
  const last = (instruction: string) => runtime.steps.filter((s) => s.instruction === instruction).at(-1)?.args;

  it('builds in stages and runs from node:20-bookworm-slim with production dependencies and dist/ only', () => {
    assert.deepEqual(stages.map((s) => [s.name, s.image]), [['deps', 'node:20-bookworm'], ['build', 'node:20-bookworm'], ['runtime', 'node:20-bookworm-slim']]);
    const deps = stages[0]!.steps.filter((s) => s.instruction === 'RUN').map((s) => s.args).join(' && ');
    assert.match(deps, /npm ci --omit=dev/);
    const build = stages[1]!.steps.filter((s) => s.instruction === 'RUN').map((s) => s.args).join(' && ');
    assert.match(build, /node scripts\/build\.mjs/);
    const copies = runtime.steps.filter((s) => s.instruction === 'COPY').map((s) => s.args);
    assert.ok(copies.includes('--from=deps /app/node_modules ./node_modules'), copies.join('\n'));
    assert.ok(copies.includes('--from=build /app/dist ./dist'), copies.join('\n'));
    assert.ok(!copies.some((c) => /--from=build \/app\/node_modules|^src\/|^\. /.test(c)), 'the runtime copies no dev dependencies or sources');
  });

  it('runs as the unprivileged node user, exposes 8080, checks /readyz with node and serves on 0.0.0.0:8080', () => {
    assert.equal(last('USER'), 'node');
    assert.equal(last('EXPOSE'), '8080');
    const healthcheck = last('HEALTHCHECK')!;
    assert.match(healthcheck, /CMD \["node", "-e", ".*http:\/\/127\.0\.0\.1:8080\/readyz.*"\]$/);
    assert.doesNotMatch(healthcheck, /curl|wget/);
    assert.deepEqual(JSON.parse(last('ENTRYPOINT')!), ['node', 'dist/incident-response.mjs']);
    assert.deepEqual(JSON.parse(last('CMD')!), ['serve', '--port', '8080', '--host', '0.0.0.0']);
  });

  it('keeps the build context to what it copies', () => {
    const ignore = read('.dockerignore').split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    assert.equal(ignore[0], '*');
    for (const path of ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.mjs', 'src/', 'docs/config.schema.json', 'examples/']) assert.ok(ignore.includes(`!${path}`), path);
  });

  it('replays its build steps here: npm ci --omit=dev, the build, then the runtime answers --version, /readyz and its HEALTHCHECK and stops on SIGTERM', () => {
    const r = spawnSync(process.execPath, ['scripts/docker-build-steps.mjs', '--reuse-native-build'], { cwd: repo, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /--version: \d+\.\d+\.\d+\n/);
    assert.match(r.stdout, /GET \/readyz: 200 \{"status":"ready"\}\n/);
    assert.match(r.stdout, /HEALTHCHECK \(node -e …\): exit 0\n/);
    assert.match(r.stdout, /serve stopped on SIGTERM with exit 0\n/);
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as { services: Record<string, Record<string, unknown>>; volumes: Record<string, unknown> };

  it('runs PostgreSQL 15 with a health check and a volume, and starts the server once it is healthy with DATABASE_URL', () => {
    const pg = compose.services['postgres']!;
    assert.match(String(pg['image']), /^postgres:15/);
    assert.ok((pg['healthcheck'] as { test: string[] }).test.join(' ').includes('pg_isready'));
    assert.deepEqual(pg['volumes'], ['postgres-data:/var/lib/postgresql/data']);
    const ir = compose.services['incident-response']!;
    assert.deepEqual(ir['depends_on'], { postgres: { condition: 'service_healthy' } });
    assert.match(String((ir['environment'] as Record<string, string>)['DATABASE_URL']), /^postgres:\/\/.*@postgres:5432\/.*\?schema=/);
    assert.ok('postgres-data' in compose.volumes);
  });
});

describe('deploy/incident-response.service', () => {
  const unit = read('deploy/incident-response.service');
  const settings = new Map<string, string[]>();
  let section = '';
  for (const line of unit.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'))) {
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) { section = header[1]!; continue; }
    const eq = line.indexOf('=');
    assert.ok(eq > 0, `not a key=value line: ${line}`);
    const key = `${section}.${line.slice(0, eq)}`;
    settings.set(key, [...(settings.get(key) ?? []), line.slice(eq + 1)]);
  }
  const one = (key: string) => settings.get(`Service.${key}`)?.at(-1);

  it('runs serve hardened: its own user, read-only system, state directory, restricted syscalls and families, no capabilities', () => {
    assert.match(one('ExecStart')!, /incident-response serve --port 8080 --host 127\.0\.0\.1$/);
    const expected: Record<string, string> = {
      DynamicUser: 'yes', ProtectSystem: 'strict', ProtectHome: 'true', PrivateTmp: 'true', NoNewPrivileges: 'true', StateDirectory: 'incident-response',
      ReadWritePaths: '/var/lib/incident-response', RestrictAddressFamilies: 'AF_INET AF_INET6 AF_UNIX', CapabilityBoundingSet: '', LockPersonality: 'true',
      ExecReload: '/bin/kill -HUP $MAINPID', Restart: 'on-failure', EnvironmentFile: '-/etc/incident-response/incident-response.env',
      // Node's JIT needs writable and executable memory.
      MemoryDenyWriteExecute: 'false',
    };
    for (const [key, value] of Object.entries(expected)) assert.equal(one(key), value, key);
    assert.ok(settings.get('Service.SystemCallFilter')!.includes('@system-service'));
    assert.ok(settings.get('Service.Environment')!.includes('IR_DB=/var/lib/incident-response/incident-response.db'));
    assert.equal(settings.get('Install.WantedBy')?.[0], 'multi-user.target');
  });

  it('passes systemd-analyze verify without a warning (when systemd-analyze is installed)', (t) => {
    const which = spawnSync('sh', ['-c', 'command -v systemd-analyze'], { encoding: 'utf8' });
    if (which.status !== 0) {
      // The parse above still ran; say that the tool did not.
      t.diagnostic('systemd-analyze is not installed: only the parser check ran');
      return;
    }
    const r = spawnSync('systemd-analyze', ['verify', join(repo, 'deploy/incident-response.service')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr.trim(), '', 'systemd-analyze reported problems');
  });
});

describe('the Helm chart (rendered by test/deploy/render-chart.ts; helm is not installed)', () => {
  const chartDir = join(repo, 'deploy/helm/incident-response');
  type Manifest = { apiVersion: string; kind: string; metadata: { name: string; labels: Record<string, string> }; spec?: Record<string, unknown>; stringData?: Record<string, string>; data?: Record<string, string> };
  const manifests = (overrides: Record<string, unknown> = {}): Manifest[] => {
    const out: Manifest[] = [];
    for (const [file, text] of renderChart(chartDir, overrides)) {
      for (const doc of parseAllDocuments(text)) {
        assert.deepEqual(doc.errors, [], `${file} does not parse as YAML`);
        const value = doc.toJS() as Manifest | null;
        if (value === null) continue;
        assert.equal(typeof value.apiVersion, 'string', `${file}: apiVersion`);
        assert.equal(typeof value.kind, 'string', `${file}: kind`);
        assert.match(value.metadata.name, /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, `${file}: metadata.name`);
        out.push(value);
      }
    }
    return out;
  };
  interface Container {
    args: string[];
    image: string;
    readinessProbe: { httpGet: unknown };
    livenessProbe: { httpGet: unknown };
    securityContext: { readOnlyRootFilesystem: boolean; allowPrivilegeEscalation: boolean };
    resources: { requests: { memory?: string }; limits: { memory?: string } };
    volumeMounts: { name: string; mountPath: string }[];
  }
  const byKind = (list: Manifest[], kind: string) => list.find((m) => m.kind === kind);

  it('renders a Deployment with probes on /readyz and /healthz, a non-root read-only container and resources, a Service, a ConfigMap and a Secret', () => {
    const list = manifests();
    assert.deepEqual(list.map((m) => `${m.apiVersion} ${m.kind}`).sort(), ['apps/v1 Deployment', 'v1 ConfigMap', 'v1 Secret', 'v1 Service']);
    const deployment = byKind(list, 'Deployment')!;
    const spec = deployment.spec as { selector: { matchLabels: Record<string, string> }; strategy?: { type: string }; template: { metadata: { labels: Record<string, string> }; spec: { securityContext: Record<string, unknown>; containers: Container[]; volumes: Record<string, unknown>[] } } };
    for (const [k, v] of Object.entries(spec.selector.matchLabels)) assert.equal(spec.template.metadata.labels[k], v);
    assert.equal(spec.strategy?.type, 'Recreate', 'one SQLite writer at a time');
    assert.equal(spec.template.spec.securityContext['runAsNonRoot'], true);
    const container = spec.template.spec.containers[0]!;
    assert.deepEqual(container.args, ['serve', '--port', '8080', '--host', '0.0.0.0']);
    assert.equal(container.image, 'incident-response:0.1.0');
    assert.deepEqual(container.readinessProbe.httpGet, { path: '/readyz', port: 'http' });
    assert.deepEqual(container.livenessProbe.httpGet, { path: '/healthz', port: 'http' });
    assert.equal(container.securityContext.readOnlyRootFilesystem, true);
    assert.equal(container.securityContext.allowPrivilegeEscalation, false);
    assert.ok(container.resources.requests.memory && container.resources.limits.memory);
    const mounts = container.volumeMounts.map((m) => m.mountPath).sort();
    assert.deepEqual(mounts, ['/config', '/data', '/tmp']);
    const service = byKind(list, 'Service')!;
    assert.deepEqual((service.spec as { selector: unknown }).selector, spec.selector.matchLabels);
    assert.match(byKind(list, 'ConfigMap')!.data!['incident-response.yaml']!, /display_time_zone: UTC/);
  });

  it('with PostgreSQL, an ingress and persistence: the URL in the Secret, rolling updates, an Ingress to the Service and a claim for /data', () => {
    const list = manifests({ replicaCount: 2, database: { url: 'postgres://ir:pw@db:5432/ir?schema=ir' }, ingress: { enabled: true, className: 'nginx', tlsSecretName: 'ir-tls' }, persistence: { enabled: true } });
    assert.deepEqual(list.map((m) => m.kind).sort(), ['ConfigMap', 'Deployment', 'Ingress', 'PersistentVolumeClaim', 'Secret', 'Service']);
    assert.equal(byKind(list, 'Secret')!.stringData!['DATABASE_URL'], 'postgres://ir:pw@db:5432/ir?schema=ir');
    const deployment = byKind(list, 'Deployment')!.spec as { replicas: number; strategy?: unknown; template: { spec: { volumes: { name: string; persistentVolumeClaim?: { claimName: string } }[] } } };
    assert.equal(deployment.replicas, 2);
    assert.equal(deployment.strategy, undefined);
    assert.equal(deployment.template.spec.volumes.find((v) => v.name === 'data')!.persistentVolumeClaim!.claimName, 'ir-incident-response');
    const ingress = byKind(list, 'Ingress')!;
    assert.equal(ingress.apiVersion, 'networking.k8s.io/v1');
    const rule = (ingress.spec as { ingressClassName: string; rules: { host: string; http: { paths: { backend: { service: { name: string; port: { name: string } } } }[] } }[] });
    assert.equal(rule.ingressClassName, 'nginx');
    assert.deepEqual(rule.rules[0]!.http.paths[0]!.backend.service, { name: 'ir-incident-response', port: { name: 'http' } });
    assert.equal(byKind(list, 'PersistentVolumeClaim')!.metadata.name, 'ir-incident-response');
  });
});
