/**
 * Sanity checks for docker-compose.yml, Dockerfile and .dockerignore (no Docker engine here): the
 * compose file parses, names the six services with the right roles, every service's environment is
 * accepted by the engine's own config loader, and Prometheus and Grafana are wired to the files in
 * ops/ (tests/deploy/grafana-dashboard.test.ts checks those files).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../engine/src/config/index.js';

interface Service {
  image?: string;
  volumes?: string[];
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[] };
  secrets?: string[];
  depends_on?: Record<string, { condition: string }>;
}

const root = new URL('../../', import.meta.url);
const compose = parse(readFileSync(new URL('docker-compose.yml', root), 'utf8')) as {
  services: Record<string, Service>;
  secrets: Record<string, { file: string }>;
};
const dockerfile = readFileSync(new URL('Dockerfile', root), 'utf8');
const dockerignore = readFileSync(new URL('.dockerignore', root), 'utf8').split('\n').map((l) => l.trim());

/** Resolve compose `${VAR:-default}` with the defaults, as compose does with an empty shell env. */
function resolved(env: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]));
}

describe('docker-compose.yml', () => {
  it('names redis, redisinsight, engine, gateway, prometheus and grafana', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['engine', 'gateway', 'grafana', 'prometheus', 'redis', 'redisinsight']);
    expect(compose.services.redis?.image).toBe('redis:7-alpine');
    expect(compose.services.redis?.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(compose.services.redisinsight?.image).toMatch(/^redis\/redisinsight/);
    expect(compose.services.redisinsight?.ports?.some((p) => p.endsWith('5540:5540'))).toBe(true);
  });

  it('builds engine and gateway from the Dockerfile, with valid role configs', () => {
    for (const [name, role] of [['engine', 'engine'], ['gateway', 'gateway']] as const) {
      const svc = compose.services[name];
      expect(svc?.build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
      const config = loadConfig({ env: resolved(svc?.environment), argv: [] });
      expect(config.role).toBe(role);
      expect(config.redis.url).toBe('redis://redis:6379');
      expect(svc?.depends_on?.redis?.condition).toBe('service_healthy');
    }
    expect(compose.services.gateway?.ports).toContain('8080:8080');
  });

  it('mounts the Prometheus config and the Grafana provisioning and dashboards from ops/, on loopback ports', () => {
    const prometheus = compose.services.prometheus;
    expect(prometheus?.image).toMatch(/^prom\/prometheus:v\d/);
    expect(prometheus?.volumes).toContain('./ops/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro');
    expect(prometheus?.ports).toEqual(['127.0.0.1:9090:9090']);
    const grafana = compose.services.grafana;
    expect(grafana?.image).toMatch(/^grafana\/grafana:\d/);
    expect(grafana?.volumes).toEqual(expect.arrayContaining(['./ops/grafana/provisioning:/etc/grafana/provisioning:ro', './ops/grafana/dashboards:/var/lib/grafana/dashboards:ro']));
    expect(grafana?.ports).toEqual(['127.0.0.1:3000:3000']);
    for (const mount of [...(prometheus?.volumes ?? []), ...(grafana?.volumes ?? [])].filter((v) => v.startsWith('./'))) {
      expect(existsSync(new URL(mount.split(':')[0] as string, root)), mount).toBe(true);
    }
  });

  it('gives the key to the engine only, as a mounted secret', () => {
    expect(compose.services.engine?.secrets).toEqual(['oracle_keypair']);
    expect(compose.services.engine?.environment?.EXEC_ORACLE_KEYPAIR).toBe('/run/secrets/oracle_keypair');
    expect(compose.services.gateway?.secrets).toBeUndefined();
    expect(JSON.stringify(compose.services.gateway)).not.toMatch(/KEYPAIR/);
    expect(compose.secrets.oracle_keypair?.file).toMatch(/oracle-keypair\.json/);
  });
});

describe('Dockerfile and .dockerignore', () => {
  it('uses node:20-bookworm-slim, npm install (see .ci/run for why not npm ci), runs main.ts with tsx, copies no key material', () => {
    expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim$/m);
    expect(dockerfile).toMatch(/^RUN npm install\b/m);
    // node --import tsx, not the tsx CLI (whose signal relay SIGKILLs a slow graceful shutdown)
    expect(dockerfile).toMatch(/^CMD \["node", "--import", "tsx", "engine\/src\/main\.ts"\]$/m);
    const copies = dockerfile.split('\n').filter((l) => l.startsWith('COPY'));
    expect(copies.join('\n')).not.toMatch(/\.data|keypair|\.secrets|COPY \. /);
    for (const pattern of ['.data', '.secrets', '**/*keypair*.json', '.env', 'node_modules']) expect(dockerignore).toContain(pattern);
  });
});
