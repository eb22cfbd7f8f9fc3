import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { TOPICS } from '@bitaqa/contracts';

// Checks that docker-compose.yml and the Kubernetes base agree with each other, with the topic
// catalogue and with the local infrastructure. Python's PyYAML parses the YAML, because no YAML
// parser is an npm dependency of the workspace.

const ROOT = join(__dirname, '..', '..');

const APPS = {
  'card-authority': { namespace: 'network-services', port: 3004 },
  'civil-records': { namespace: 'interior', port: 3001 },
  'fuel-allocation': { namespace: 'oil', port: 3003 },
  'identity-registry': { namespace: 'communications', port: 3002 },
  'reader-gateway': { namespace: 'network-services', port: 3005 },
  'station-gateway': { namespace: 'oil', port: 3006 },
} as const;

const MINISTRY_NAMESPACES = ['interior', 'communications', 'oil', 'network-services'];

const DATABASE_APPS = Object.keys(APPS).filter((app) => app !== 'station-gateway');

function databaseName(app: string): string {
  return `bitaqa_${app.replace(/-/g, '_')}`;
}

/** Parses YAML files (paths relative to the repository root) in one Python process. */
function readYamlFiles(paths: string[]): Map<string, unknown[]> {
  const script = [
    'import json, sys, yaml',
    'print(json.dumps({p: [d for d in yaml.safe_load_all(open(p)) if d is not None] for p in sys.argv[1:]}))',
  ].join('\n');
  const output = execFileSync('python3', ['-c', script, ...paths], { cwd: ROOT, encoding: 'utf8' });

  return new Map(Object.entries(JSON.parse(output) as Record<string, unknown[]>));
}

/** Follows object keys and array indexes; undefined when a step is missing. */
function dig(value: unknown, ...keys: (number | string)[]): unknown {
  let current = value;

  for (const key of keys) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }

    current = (current as Record<number | string, unknown>)[key];
  }

  return current;
}

function loadManifests(): { documents: unknown[]; compose: unknown } {
  const kustomizationPath = 'k8s/base/kustomization.yaml';
  const kustomization = readYamlFiles([kustomizationPath]).get(kustomizationPath)?.[0];
  const resources = dig(kustomization, 'resources') as string[];
  const files = resources.filter((resource) => resource.endsWith('.yaml'));
  const folders = resources.filter((resource) => !resource.endsWith('.yaml'));
  const redisCommon = 'k8s/base/redis/common/redis.yaml';
  const parsed = readYamlFiles([
    'docker-compose.yml',
    redisCommon,
    ...files.map((file) => `k8s/base/${file}`),
    ...folders.map((folder) => `k8s/base/${folder}/kustomization.yaml`),
  ]);

  // Each folder is a Redis kustomization that places the common Redis in one namespace.
  const redis = folders.flatMap((folder) => {
    const namespace = dig(parsed.get(`k8s/base/${folder}/kustomization.yaml`)?.[0], 'namespace');

    return (parsed.get(redisCommon) ?? []).map((doc) => ({
      ...(doc as object),
      metadata: { ...(dig(doc, 'metadata') as object), namespace },
    }));
  });

  return {
    compose: parsed.get('docker-compose.yml')?.[0],
    documents: [...files.flatMap((file) => parsed.get(`k8s/base/${file}`) ?? []), ...redis],
  };
}

const { compose, documents } = loadManifests();

function find(kind: string, namespace: string, name: string): unknown {
  return documents.find(
    (doc) =>
      dig(doc, 'kind') === kind &&
      dig(doc, 'metadata', 'name') === name &&
      dig(doc, 'metadata', 'namespace') === namespace,
  );
}

describe('docker-compose.yml', () => {
  it.each(Object.entries(APPS))('%s service', (app, { port }) => {
    const service = dig(compose, 'services', app);

    expect(dig(service, 'build', 'args')).toEqual({ APP: app });
    expect(dig(service, 'build', 'dockerfile')).toBe('infra/docker/Dockerfile');
    expect(dig(service, 'environment', 'PORT')).toBe(port);
    expect(dig(service, 'ports')).toEqual([`127.0.0.1:${port}:${port}`]);
  });

  it.each(DATABASE_APPS)('%s database URL', (app) => {
    expect(dig(compose, 'services', app, 'environment', 'DATABASE_URL')).toBe(
      `postgresql://postgres@postgres:5432/${databaseName(app)}`,
    );
  });

  it('init script creates app databases', () => {
    const sql = readFileSync(
      join(ROOT, 'infra/docker/postgres-init/01-create-databases.sql'),
      'utf8',
    );
    const created = [...sql.matchAll(/^CREATE DATABASE (\w+);$/gm)].map((match) => match[1]);

    expect(created.sort()).toEqual(DATABASE_APPS.map(databaseName).sort());
  });

  it('kafka pinned to 3.9.2', () => {
    expect(dig(compose, 'services', 'kafka', 'image')).toBe('apache/kafka:3.9.2');
  });
});

describe('k8s/base', () => {
  it.each(Object.entries(APPS))('%s deployment and service', (app, { namespace, port }) => {
    const deployment = find('Deployment', namespace, app);
    const container = dig(deployment, 'spec', 'template', 'spec', 'containers', 0);
    const service = find('Service', namespace, app);

    expect(dig(container, 'ports')).toEqual([{ containerPort: port, name: 'http' }]);
    expect(dig(container, 'readinessProbe', 'httpGet')).toEqual({ path: '/health', port: 'http' });
    const [configMap, ...secrets] = dig(container, 'envFrom') as unknown[];

    expect(configMap).toEqual({ configMapRef: { name: `${app}-config` } });
    // Secrets hold keys an operator issues after the first start, so the pod must start without them.
    for (const secret of secrets) {
      expect(secret).toEqual({ secretRef: { name: expect.any(String), optional: true } });
    }
    expect(dig(find('ConfigMap', namespace, `${app}-config`), 'data', 'PORT')).toBe(String(port));
    expect(dig(service, 'spec', 'selector')).toEqual(
      dig(deployment, 'spec', 'selector', 'matchLabels'),
    );
    expect(dig(service, 'spec', 'ports', 0, 'targetPort')).toBe('http');
  });

  it.each(Object.entries(APPS))('%s egress policy', (app, { namespace }) => {
    const policy = find('NetworkPolicy', namespace, `${app}-egress`);

    expect(dig(policy, 'spec', 'podSelector', 'matchLabels')).toEqual({
      'app.kubernetes.io/name': app,
    });
    expect(dig(policy, 'spec', 'policyTypes')).toEqual(['Egress']);
  });

  it.each(MINISTRY_NAMESPACES)('%s namespace resources', (namespace) => {
    const namespaces = documents.filter((doc) => dig(doc, 'kind') === 'Namespace');

    expect(namespaces.map((doc) => dig(doc, 'metadata', 'name'))).toContain(namespace);
    expect(find('Cluster', namespace, `${namespace}-pg`)).toBeDefined();
    expect(find('NetworkPolicy', namespace, 'default-deny-ingress')).toBeDefined();
    expect(find('Deployment', namespace, 'redis')).toBeDefined();
  });

  it('one KafkaTopic per catalogue topic', () => {
    const topics = documents.filter((doc) => dig(doc, 'kind') === 'KafkaTopic');
    const names = topics.map((doc) => dig(doc, 'spec', 'topicName') as string);

    expect(names.sort()).toEqual(TOPICS.map((topic) => topic.name).sort());
  });
});
