// No Docker engine or cluster runs here, so the container and Kubernetes files are checked against
// the code instead: every process present under its diagram name, with the ports and environment
// variables its config.ts reads, health checks that speak grpc.health.v1, and instructions in the
// READMEs that name files and images that exist. docker-compose validates the compose files.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { PROCESSES, ROOT } from '../scripts/services';

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const GRPC = PROCESSES.filter((p) => p.name !== 'api-gateway');
// "USER_SERVICE" for user-service: the prefix of its own variables
const prefix = (name: string) => (name === 'api-gateway' ? 'GATEWAY' : name.toUpperCase().replace('-', '_'));

/** The environment variables a process's config.ts reads (every process reads them there only). */
function variablesRead(name: string): Set<string> {
  return new Set([...read(`${name}/src/config.ts`).matchAll(/env\.([A-Z_]+)/g)].map((m) => m[1]));
}

/** Where a process expects a peer: USER_SERVICE_ADDR → user-service:50051. */
function expectedAddress(variable: string): string {
  const peer = PROCESSES.find((p) => `${prefix(p.name)}_ADDR` === variable);
  if (!peer) throw new Error(`no process for ${variable}`);
  return `${peer.name}:${peer.defaultPort}`;
}

interface ComposeService {
  build: { context: string; dockerfile: string };
  image: string;
  environment: Record<string, string>;
  expose?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck: { test: string[] };
}

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as { services: Record<string, ComposeService> };

  it('has the four processes under the diagram\'s names, and nothing else', () => {
    expect(Object.keys(compose.services)).to.have.members(PROCESSES.map((p) => p.name));
  });

  for (const spec of PROCESSES) {
    describe(spec.name, () => {
      const service = compose.services[spec.name];
      const isGateway = spec.name === 'api-gateway';

      it('is built from its own Dockerfile, with the repository as context', () => {
        expect(service.build).to.deep.equal({ context: '.', dockerfile: `${spec.name}/Dockerfile` });
        expect(service.image).to.equal(`grpc-sandbox/${spec.name}`);
      });

      it(`listens on 0.0.0.0:${spec.defaultPort} inside the network`, () => {
        expect(service.environment[`${prefix(spec.name)}_HOST`]).to.equal('0.0.0.0');
        expect(service.environment[spec.portVariable]).to.equal(String(spec.defaultPort));
      });

      it('sets only variables its code reads, and points every peer address at the peer\'s name and port', () => {
        const read = variablesRead(spec.name);
        for (const variable of Object.keys(service.environment)) expect(read.has(variable), `${spec.name} reads ${variable}`).to.equal(true);
        for (const variable of [...read].filter((v) => v.endsWith('_ADDR'))) {
          expect(service.environment[variable], variable).to.equal(expectedAddress(variable));
        }
      });

      it(isGateway ? 'is the only one published, on 3000' : 'is not published to the host by default', () => {
        if (isGateway) expect(service.ports).to.deep.equal(['3000:3000']);
        else {
          expect(service.ports).to.equal(undefined);
          expect(service.expose).to.deep.equal([String(spec.defaultPort)]);
        }
      });

      it(isGateway ? 'has a health check of its own liveness' : 'has a health check that speaks grpc.health.v1', () => {
        const target = isGateway ? 'http://localhost:3000/health/live' : `localhost:${spec.defaultPort}`;
        expect(service.healthcheck.test).to.deep.equal(['CMD', 'node', '/app/protos/healthcheck.js', target]);
      });

      it('starts after the services it calls are healthy', () => {
        const peers = [...variablesRead(spec.name)].filter((v) => v.endsWith('_ADDR')).map((v) => expectedAddress(v).split(':')[0]);
        const waitsFor = Object.entries(service.depends_on ?? {}).map(([name, { condition }]) => `${name} ${condition}`);
        expect(waitsFor).to.have.members(peers.map((peer) => `${peer} service_healthy`));
      });
    });
  }

  it('the optional file publishes exactly the three gRPC ports', () => {
    const extra = parse(read('docker-compose.grpc-ports.yml')) as { services: Record<string, { ports: string[] }> };
    expect(Object.fromEntries(Object.entries(extra.services).map(([name, s]) => [name, s.ports]))).to.deep.equal(
      Object.fromEntries(GRPC.map((p) => [p.name, [`${p.defaultPort}:${p.defaultPort}`]])),
    );
  });

  it('is valid for docker-compose (`docker-compose config`), alone and with the gRPC ports', function () {
    const found = spawnSync('docker-compose', ['version'], { encoding: 'utf8' });
    if (found.error) {
      // .ci/run installs it; on a developer's machine without it, say so rather than pass
      if (process.env.CI) throw new Error('docker-compose is not installed; .ci/run should have installed it');
      this.skip();
    }
    for (const files of [['docker-compose.yml'], ['docker-compose.yml', 'docker-compose.grpc-ports.yml']]) {
      const result = spawnSync('docker-compose', [...files.flatMap((f) => ['-f', f]), 'config', '-q'], { cwd: ROOT, encoding: 'utf8' });
      expect(result.status, result.stderr).to.equal(0);
    }
  });
});

describe('Dockerfiles', () => {
  for (const spec of PROCESSES) {
    it(`${spec.name}/Dockerfile installs from the lock file, copies what exists, runs as node, checks its health`, () => {
      const dockerfile = read(`${spec.name}/Dockerfile`);
      for (const [, sources] of dockerfile.matchAll(/^COPY (.+) \S+$/gm)) {
        for (const source of sources.split(' ')) expect(fs.existsSync(path.join(ROOT, source)), `${source} exists`).to.equal(true);
      }
      expect(dockerfile).to.include('package-lock.json');
      expect(dockerfile).to.match(new RegExp(`RUN npm ci --omit=dev --workspace ${spec.name}`));
      expect(dockerfile).to.match(/^USER node$/m);
      expect(dockerfile).to.match(new RegExp(`^EXPOSE ${spec.defaultPort}$`, 'm'));
      expect(dockerfile).to.match(/^HEALTHCHECK /m);
      expect(dockerfile).to.include(`"node", "/app/protos/healthcheck.js"`);
      // the command runs from the service's folder, where its tsconfig.json is
      expect(dockerfile).to.match(new RegExp(`^WORKDIR /app/${spec.name}\\nCMD \\["node", "--require", "ts-node/register/transpile-only", "src/index.ts"\\]`, 'm'));
      expect(fs.existsSync(path.join(ROOT, spec.name, 'tsconfig.json'))).to.equal(true);
    });
  }

  it('protos/healthcheck.js answers 1 when nothing serves (and is plain JavaScript, no ts-node)', () => {
    const result = spawnSync(process.execPath, ['protos/healthcheck.js', '127.0.0.1:9'], { cwd: ROOT, encoding: 'utf8', timeout: 10_000 });
    expect(result.status).to.equal(1);
  });
});

interface K8sObject {
  kind: string;
  metadata: { name: string };
  spec: {
    replicas?: number;
    clusterIP?: string;
    ports?: Array<{ port: number }>;
    template?: {
      spec: {
        containers: Array<{
          image: string;
          ports: Array<{ containerPort: number }>;
          env: Array<{ name: string; value: string }>;
          readinessProbe: Record<string, { port: number | string; path?: string }>;
          livenessProbe: Record<string, { port: number | string; path?: string }>;
          resources: { requests: { cpu: string; memory: string } };
        }>;
      };
    };
  };
}

describe('Kubernetes manifests (k8s/)', () => {
  const kustomization = parse(read('k8s/kustomization.yaml')) as { namespace: string; resources: string[] };
  const objects = kustomization.resources.flatMap((file) => parseAllDocuments(read(`k8s/${file}`)).map((doc) => doc.toJS() as K8sObject));
  const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name) as K8sObject;

  it('lists files that exist, in the grpc-sandbox namespace', () => {
    expect(kustomization.namespace).to.equal('grpc-sandbox');
    expect(find('Namespace', 'grpc-sandbox')).to.not.equal(undefined);
  });

  for (const spec of PROCESSES) {
    const isGateway = spec.name === 'api-gateway';
    it(`${spec.name}: a Deployment with its port, probes, resource requests and the variables its code reads`, () => {
      const container = find('Deployment', spec.name).spec.template?.spec.containers[0];
      expect(container?.image).to.equal(`grpc-sandbox/${spec.name}:latest`);
      expect(container?.ports[0].containerPort).to.equal(spec.defaultPort);
      const env = Object.fromEntries((container?.env ?? []).map((e) => [e.name, e.value]));
      expect(env[`${prefix(spec.name)}_HOST`]).to.equal('0.0.0.0');
      const read = variablesRead(spec.name);
      for (const variable of Object.keys(env)) expect(read.has(variable), `${spec.name} reads ${variable}`).to.equal(true);
      for (const variable of [...read].filter((v) => v.endsWith('_ADDR'))) expect(env[variable], variable).to.equal(expectedAddress(variable));
      for (const probe of [container?.readinessProbe, container?.livenessProbe]) {
        if (isGateway) expect(probe?.httpGet).to.deep.equal({ path: '/health/live', port: 'http' });
        else expect(probe?.grpc).to.deep.equal({ port: spec.defaultPort }); // native gRPC probe
      }
      expect(container?.resources.requests.cpu).to.be.a('string');
      expect(container?.resources.requests.memory).to.be.a('string');
    });

    it(`${spec.name}: a Service on ${spec.defaultPort}${isGateway ? '' : ', headless so that calls, not connections, are balanced'}`, () => {
      const service = find('Service', spec.name);
      expect(service.spec.ports?.[0].port).to.equal(spec.defaultPort);
      expect(service.spec.clusterIP).to.equal(isGateway ? undefined : 'None');
    });
  }

  it('the clients balance each call over every address (round_robin)', () => {
    expect(read('protos/src/client.ts')).to.include("loadBalancingConfig: [{ round_robin: {} }]");
  });
});

describe('the container and cluster instructions', () => {
  const docs = ['README.md', 'k8s/README.md', 'docker-compose.yml'].map(read).join('\n');

  it('name compose files that exist', () => {
    const files = [...docs.matchAll(/-f (docker-compose[\w.-]*\.yml)/g)].map((m) => m[1]);
    expect(files).to.include('docker-compose.grpc-ports.yml');
    for (const file of files) expect(fs.existsSync(path.join(ROOT, file)), file).to.equal(true);
  });

  it('build the images under the names the manifests run', () => {
    const k8sReadme = read('k8s/README.md');
    expect(k8sReadme).to.include('for s in user-service product-service order-service api-gateway; do');
    expect(k8sReadme).to.include('docker build -f $s/Dockerfile -t grpc-sandbox/$s:latest .');
    expect(k8sReadme).to.include('kubectl apply -k k8s/');
    expect(k8sReadme).to.include('port-forward service/api-gateway 3000:3000');
  });

  it('README shows docker compose up --build and scaling a service', () => {
    const readme = read('README.md');
    expect(readme).to.include('docker compose up --build');
    expect(readme).to.match(/docker compose up --build --scale product-service=3/);
  });
});
