// .devcontainer/devcontainer.json cannot run here (no Docker engine, no Codespaces), so its
// promises are checked instead: it is what the Dev Container specification allows (the properties
// it uses, with the types containers.dev/implementors/json_reference gives them), it forwards and
// labels the gateway's port, its commands are the README's, its Node.js meets package.json's
// engines, and the README's badge opens this repository.
import { expect } from 'chai';
import Ajv from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { PROCESSES, ROOT } from '../launcher/services';

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

// The specification's top-level properties (image-based containers, general and lifecycle ones),
// and the types of those this file uses. A property outside the list is a typo nobody would notice:
// a dev container ignores what it does not know.
const SPEC_PROPERTIES = [
  'name',
  'image',
  'build',
  'dockerComposeFile',
  'service',
  'runServices',
  'workspaceFolder',
  'workspaceMount',
  'shutdownAction',
  'overrideCommand',
  'appPort',
  'containerEnv',
  'containerUser',
  'mounts',
  'runArgs',
  'features',
  'overrideFeatureInstallOrder',
  'forwardPorts',
  'portsAttributes',
  'otherPortsAttributes',
  'remoteEnv',
  'remoteUser',
  'updateRemoteUserUID',
  'userEnvProbe',
  'init',
  'privileged',
  'capAdd',
  'securityOpt',
  'initializeCommand',
  'onCreateCommand',
  'updateContentCommand',
  'postCreateCommand',
  'postStartCommand',
  'postAttachCommand',
  'waitFor',
  'hostRequirements',
  'customizations',
  '$schema',
];
const command = {
  anyOf: [
    { type: 'string', minLength: 1 },
    { type: 'array', items: { type: 'string' }, minItems: 1 },
    {
      type: 'object',
      additionalProperties: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    },
  ],
};
const SCHEMA = {
  type: 'object',
  propertyNames: { enum: SPEC_PROPERTIES },
  required: ['name', 'image'],
  properties: {
    name: { type: 'string' },
    image: { type: 'string', pattern: '^[a-z0-9.-]+(/[a-z0-9._-]+)+:[A-Za-z0-9._-]+$' },
    features: {
      type: 'object',
      additionalProperties: { anyOf: [{ type: 'object' }, { type: 'string' }, { type: 'boolean' }] },
    },
    hostRequirements: {
      type: 'object',
      additionalProperties: false,
      properties: {
        cpus: { type: 'integer', minimum: 1 },
        memory: { type: 'string', pattern: '^\\d+([tgmk]b)?$' },
        storage: { type: 'string', pattern: '^\\d+([tgmk]b)?$' },
        gpu: {},
      },
    },
    postCreateCommand: command,
    postAttachCommand: command,
    forwardPorts: {
      type: 'array',
      items: {
        anyOf: [
          { type: 'integer', minimum: 0, maximum: 65535 },
          { type: 'string', pattern: '^([a-z0-9-]+):(\\d{1,5})$' },
        ],
      },
    },
    portsAttributes: {
      type: 'object',
      propertyNames: { pattern: '^(\\d+(-\\d+)?|.+)$' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          label: { type: 'string' },
          onAutoForward: { enum: ['notify', 'openBrowser', 'openBrowserOnce', 'openPreview', 'silent', 'ignore'] },
          protocol: { enum: ['http', 'https'] },
          requireLocalPort: { type: 'boolean' },
          elevateIfNeeded: { type: 'boolean' },
        },
      },
    },
    customizations: { type: 'object' },
  },
};

describe('.devcontainer/devcontainer.json (GitHub Codespaces, VS Code dev containers)', () => {
  const errors: ParseError[] = [];
  const config = parse(read('.devcontainer/devcontainer.json'), errors, { allowTrailingComma: false });

  it('is JSON with comments (the format dev containers read), and only what the specification allows, with its types', () => {
    expect(errors.map((error) => `${printParseErrorCode(error.error)} at offset ${error.offset}`)).to.deep.equal([]);
    const validate = new Ajv({ allErrors: true, strict: false }).compile(SCHEMA);
    expect(validate(config), JSON.stringify(validate.errors)).to.equal(true);
  });

  it("forwards the gateway's port and labels it; every port it labels is one of the sandbox's", () => {
    const gateway = PROCESSES.find((p) => p.name === 'api-gateway')?.defaultPort as number;
    expect(config.forwardPorts).to.deep.equal([gateway]);
    expect(config.portsAttributes[String(gateway)].label).to.match(/^API gateway/);
    expect(Object.keys(config.portsAttributes).map(Number).sort()).to.deep.equal(
      PROCESSES.map((p) => p.defaultPort).sort(),
    );
  });

  it("runs the README's set-up command, split in its two halves: install when created, start when attached", () => {
    const readme = read('README.md');
    const setUp = /## Start it[\s\S]*?```bash\n(.*)\n```/.exec(readme)?.[1];
    expect(setUp).to.equal('npm install && npm start');
    expect(`${config.postCreateCommand} && ${config.postAttachCommand}`).to.equal(setUp);
  });

  it("has a Node.js that package.json's engines accept, and Go for lesson 19", () => {
    const engines = JSON.parse(read('package.json')).engines.node as string;
    const [, major] = /javascript-node:\d+-(\d+)-/.exec(config.image) ?? [];
    expect(engines).to.equal('>=20.19');
    expect(Number(major)).to.be.at.least(20); // the image's tag follows Node's latest 20.x (and later majors), so >= 20.19
    expect(Object.keys(config.features)).to.include('ghcr.io/devcontainers/features/go:1');
  });

  it("the README's badge opens this repository (package.json's repository) in Codespaces", () => {
    const repository = JSON.parse(read('package.json')).repository.url as string;
    const [, ownerAndName] = /^https:\/\/github\.com\/([^/]+\/[^/]+?)(\.git)?$/.exec(repository) ?? [];
    expect(ownerAndName).to.be.a('string');
    expect(read('README.md')).to.include(
      `[![Open in GitHub Codespaces](https://github.com/codespaces/badge.svg)](https://codespaces.new/${ownerAndName})`,
    );
  });
});
