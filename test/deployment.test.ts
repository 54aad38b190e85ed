// No Docker engine or cluster runs here, so the container and Kubernetes files are checked against
// the code, for the invariants that matter: every process present under its diagram name, its port
// and the environment variables its config.ts reads agreeing with the code, and a health check.
// docker-compose itself validates the compose files, and those each docker compose command of
// docs/deploy.md names.
import { expect } from 'chai';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { GO_PACKAGES, PROCESSES, ROOT } from '../launcher/services';

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
// "USER_SERVICE" for user-service: the prefix of its own variables
const prefix = (name: string) => (name === 'api-gateway' ? 'GATEWAY' : name.toUpperCase().replace('-', '_'));

/** The environment variables a process's config.ts reads (every process reads them there only). */
function variablesRead(name: string): Set<string> {
  return new Set([...read(`${name}/src/config.ts`).matchAll(/env\.([A-Z_]+)/g)].map((m) => m[1]));
}

// Peers a process only follows (an events stream it calls again until it is there), so it need not
// wait for them to start: product-service follows order-service's events (lesson 17), and
// order-service calls product-service, so waiting both ways would be a cycle compose refuses.
const FOLLOWED_LATER: Record<string, string[]> = { 'product-service': ['ORDER_SERVICE_ADDR'] };

/** Where a process expects a peer: USER_SERVICE_ADDR → user-service:50051. */
function expectedAddress(variable: string): string {
  const peer = PROCESSES.find((p) => `${prefix(p.name)}_ADDR` === variable);
  if (!peer) throw new Error(`no process for ${variable}`);
  return `${peer.name}:${peer.defaultPort}`;
}

// What docker-compose says of a set of compose files: `config --services` validates them as `config
// -q` does (exit 1 when they are not valid) and lists their services. Asked once for each set, as
// several tests name the same one: a run of docker-compose is most of a CPU-second.
const composeAnswers = new Map<string, SpawnSyncReturns<string>>();
function composeConfig(context: Mocha.Context, files: string[]): SpawnSyncReturns<string> {
  const args = files.flatMap((f) => ['-f', f]);
  const answer =
    composeAnswers.get(args.join(' ')) ??
    spawnSync('docker-compose', [...args, 'config', '--services'], { cwd: ROOT, encoding: 'utf8' });
  composeAnswers.set(args.join(' '), answer);
  if ((answer.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    // .ci/run installs it; on a developer's machine without it, say so rather than pass
    if (process.env.CI) throw new Error('docker-compose is not installed; .ci/run should have installed it');
    context.skip();
  }
  return answer;
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

  it("has the four processes under the diagram's names, and nothing else", () => {
    expect(Object.keys(compose.services)).to.have.members(PROCESSES.map((p) => p.name));
  });

  for (const spec of PROCESSES) {
    const isGateway = spec.name === 'api-gateway';
    it(`${spec.name}: its own image, its port on 0.0.0.0, only variables its code reads, peers by name, a health check, started after its peers`, () => {
      const service = compose.services[spec.name];
      expect(service.build).to.deep.equal({ context: '.', dockerfile: `${spec.name}/Dockerfile` });
      expect(service.environment[`${prefix(spec.name)}_HOST`]).to.equal('0.0.0.0');
      expect(service.environment[spec.portVariable]).to.equal(String(spec.defaultPort));
      const read = variablesRead(spec.name);
      for (const variable of Object.keys(service.environment))
        expect(read.has(variable), `${spec.name} reads ${variable}`).to.equal(true);
      const peers = [...read].filter((v) => v.endsWith('_ADDR'));
      for (const variable of peers) expect(service.environment[variable], variable).to.equal(expectedAddress(variable));
      const target = isGateway ? 'http://localhost:3000/health/live' : `localhost:${spec.defaultPort}`;
      expect(service.healthcheck.test).to.deep.equal(['CMD', 'node', '/app/protos/healthcheck.js', target]);
      const waitsFor = Object.entries(service.depends_on ?? {}).map(([name, { condition }]) => `${name} ${condition}`);
      const callsAtStart = peers.filter((v) => !FOLLOWED_LATER[spec.name]?.includes(v));
      expect(waitsFor).to.have.members(callsAtStart.map((v) => `${expectedAddress(v).split(':')[0]} service_healthy`));
      if (isGateway) expect(service.ports).to.deep.equal(['3000:3000']);
    });
  }

  it('is valid for docker-compose (`docker-compose config`), alone, with the gRPC ports published, and with the Go user-service', function () {
    for (const files of [
      ['docker-compose.yml'],
      ['docker-compose.yml', 'docker-compose.grpc-ports.yml'],
      ['docker-compose.yml', 'docker-compose.go.yml'],
      ['docker-compose.yml', 'docker-compose.go.yml', 'docker-compose.grpc-ports.yml'],
    ]) {
      const result = composeConfig(this, files);
      expect(result.status, result.stderr).to.equal(0);
      expect(result.stdout.trim().split('\n')).to.have.members(PROCESSES.map((p) => p.name));
    }
  });
});

describe('docker-compose.go.yml: the diagram as drawn, user-service in Go', () => {
  const override = parse(read('docker-compose.go.yml')) as { services: Record<string, ComposeService> };

  it('changes user-service alone: built from user-service-go/Dockerfile, health checked by its own binary', () => {
    expect(Object.keys(override.services)).to.deep.equal(['user-service']);
    const userService = override.services['user-service'];
    expect(userService.build.dockerfile).to.equal('user-service-go/Dockerfile');
    expect(userService.image).to.equal('grpc-sandbox/user-service-go');
    // the image has no Node.js: the check must not be protos/healthcheck.js
    expect(userService.healthcheck.test).to.deep.equal([
      'CMD',
      '/usr/local/bin/user-service',
      'healthcheck',
      'localhost:50051',
    ]);
  });

  it('user-service-go/Dockerfile: builds with build.sh from the Debian packages the tests build with, and runs the one binary', () => {
    const dockerfile = read('user-service-go/Dockerfile');
    for (const [, sources] of dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
      for (const source of sources.split(' '))
        expect(fs.existsSync(path.join(ROOT, source)), `${source} exists`).to.equal(true);
    }
    const installed = /apt-get install -y --no-install-recommends ([^\\\n]+)/.exec(dockerfile)?.[1].trim().split(/\s+/);
    expect(installed).to.have.members(GO_PACKAGES.split(' '));
    expect(dockerfile).to.match(/^RUN bash user-service-go\/build\.sh$/m);
    expect(dockerfile).to.match(/^EXPOSE 50051$/m);
    expect(dockerfile).to.include('CMD ["/usr/local/bin/user-service", "healthcheck", "localhost:50051"]');
    expect(dockerfile).to.match(/^CMD \["\/usr\/local\/bin\/user-service"\]$/m);
    // the variables it sets are ones main.go reads
    const main = read('user-service-go/main.go');
    for (const [, variable] of dockerfile.matchAll(/(USER_SERVICE_[A-Z]+)=/g))
      expect(main).to.include(`env("${variable}"`);
  });
});

describe('Dockerfiles', () => {
  it('each copies files that exist, exposes its port, checks its health, and starts its own index.ts', () => {
    for (const spec of PROCESSES) {
      const dockerfile = read(`${spec.name}/Dockerfile`);
      for (const [, sources] of dockerfile.matchAll(/^COPY (.+) \S+$/gm)) {
        for (const source of sources.split(' '))
          expect(fs.existsSync(path.join(ROOT, source)), `${spec.name}: ${source} exists`).to.equal(true);
      }
      expect(dockerfile).to.match(new RegExp(`^EXPOSE ${spec.defaultPort}$`, 'm'));
      expect(dockerfile).to.include(`"node", "/app/protos/healthcheck.js"`);
      expect(dockerfile).to.match(
        new RegExp(
          `^WORKDIR /app/${spec.name}\\nCMD \\["node", "--require", "../protos/register.js", "src/index.ts"\\]`,
          'm',
        ),
      );
    }
  });

  it("each installs without package.json's postinstall, and strips the types once the code is copied", () => {
    for (const spec of PROCESSES) {
      const dockerfile = read(`${spec.name}/Dockerfile`);
      // the postinstall (protos/warm-cache.js) needs protos/, which is copied after the install
      expect(dockerfile).to.match(new RegExp(`^RUN npm ci --omit=dev --ignore-scripts --workspace ${spec.name} `, 'm'));
      const warm = dockerfile.indexOf('\nRUN node protos/warm-cache.js\n');
      expect(warm, spec.name).to.be.greaterThan(dockerfile.indexOf('\nCOPY protos/ protos/\n'));
      expect(warm, spec.name).to.be.lessThan(dockerfile.indexOf('\nUSER node\n'));
    }
  });

  it('each copies every package of the sandbox its service uses, and those they use', () => {
    const uses = (folder: string, seen = new Set<string>()): Set<string> => {
      const { dependencies = {} } = JSON.parse(read(`${folder}/package.json`)) as {
        dependencies?: Record<string, string>;
      };
      for (const name of Object.keys(dependencies).filter((n) => n.startsWith('@sandbox/'))) {
        const used = name.split('/')[1];
        if (!seen.has(used)) uses(used, seen.add(used));
      }
      return seen;
    };
    for (const spec of PROCESSES) {
      const dockerfile = read(`${spec.name}/Dockerfile`);
      for (const used of uses(spec.name)) {
        expect(dockerfile, `${spec.name} uses ${used}`).to.include(`COPY ${used}/package.json ${used}/`);
        expect(dockerfile, `${spec.name} uses ${used}`).to.include(`COPY ${used}/ ${used}/`);
      }
    }
  });

  it('protos/healthcheck.js answers 1 when nothing serves (and is plain JavaScript, no ts-node)', () => {
    const result = spawnSync(process.execPath, ['protos/healthcheck.js', '127.0.0.1:9'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(result.status).to.equal(1);
  });
});

interface K8sObject {
  kind: string;
  metadata: { name: string };
  spec: {
    ports?: Array<{ port: number }>;
    template?: {
      spec: {
        containers: Array<{
          image: string;
          ports: Array<{ containerPort: number }>;
          env: Array<{ name: string; value: string }>;
          readinessProbe: Record<string, { port: number | string; path?: string }>;
          livenessProbe: Record<string, { port: number | string; path?: string }>;
        }>;
      };
    };
  };
}

describe('Kubernetes manifests (k8s/)', () => {
  const kustomization = parse(read('k8s/kustomization.yaml')) as { namespace: string; resources: string[] };
  const objects = kustomization.resources.flatMap((file) =>
    parseAllDocuments(read(`k8s/${file}`)).map((doc) => doc.toJS() as K8sObject),
  );
  const find = (kind: string, name: string) =>
    objects.find((o) => o.kind === kind && o.metadata.name === name) as K8sObject;

  for (const spec of PROCESSES) {
    const isGateway = spec.name === 'api-gateway';
    it(`${spec.name}: a Deployment and a Service on ${spec.defaultPort}, only variables its code reads, peers by name, probes`, () => {
      const container = find('Deployment', spec.name).spec.template?.spec.containers[0];
      expect(container?.image).to.equal(`grpc-sandbox/${spec.name}:latest`);
      expect(container?.ports[0].containerPort).to.equal(spec.defaultPort);
      expect(find('Service', spec.name).spec.ports?.[0].port).to.equal(spec.defaultPort);
      const env = Object.fromEntries((container?.env ?? []).map((e) => [e.name, e.value]));
      expect(env[`${prefix(spec.name)}_HOST`]).to.equal('0.0.0.0');
      const read = variablesRead(spec.name);
      for (const variable of Object.keys(env))
        expect(read.has(variable), `${spec.name} reads ${variable}`).to.equal(true);
      for (const variable of [...read].filter((v) => v.endsWith('_ADDR')))
        expect(env[variable], variable).to.equal(expectedAddress(variable));
      for (const probe of [container?.readinessProbe, container?.livenessProbe]) {
        if (isGateway) expect(probe?.httpGet).to.deep.equal({ path: '/health/live', port: 'http' });
        else expect(probe?.grpc).to.deep.equal({ port: spec.defaultPort }); // native gRPC probe
      }
    });
  }
});

describe('docs/deploy.md: every docker compose command', () => {
  const commands = [...read('docs/deploy.md').matchAll(/```bash\n([\s\S]*?)```/g)]
    .flatMap(([, block]) => block.split('\n'))
    .filter((line) => line.startsWith('docker compose '));

  it('has the four of the README it replaces (alone, gRPC ports, Go, scaled)', () => {
    expect(commands).to.have.length(4);
  });

  for (const command of commands) {
    it(`${command}: its compose files exist, docker-compose accepts them, and it scales a service they have`, function () {
      const files = [...command.matchAll(/-f (\S+)/g)].map((m) => m[1]);
      const composeFiles = files.length > 0 ? files : ['docker-compose.yml'];
      for (const file of composeFiles) expect(fs.existsSync(path.join(ROOT, file)), file).to.equal(true);
      const services = composeConfig(this, composeFiles);
      expect(services.status, services.stderr).to.equal(0);
      const scaled = command.match(/--scale ([\w-]+)=/)?.[1];
      if (scaled) expect(services.stdout.split('\n')).to.include(scaled);
    });
  }
});
