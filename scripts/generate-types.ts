// Generates the TypeScript types in protos/generated/ from the .proto files, with the same
// options the services load them with (protos/src/contract.ts), so the types cannot drift.
//   npm run generate:types          rewrite protos/generated/
//   npm run check:types-in-sync     fail if protos/generated/ differs from the .proto files
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HEALTH_PROTO_DIR, HEALTH_PROTO_FILE, LOADER_OPTIONS, PROTO_DIR, PROTO_FILES } from '../protos/src/contract';

const REPO_ROOT = path.join(__dirname, '..');
const GENERATED_DIR = path.join(PROTO_DIR, 'generated');
const GENERATOR = require.resolve('@grpc/proto-loader/build/bin/proto-loader-gen-types.js');

function generatorFlags(): string[] {
  // relative include dirs: the generated files name their source, and must read the same in any clone
  const includeDirs = [PROTO_DIR, HEALTH_PROTO_DIR].map((dir) => `--includeDirs=${path.relative(REPO_ROOT, dir)}`);
  const flags = ['--grpcLib=@grpc/grpc-js', ...includeDirs];
  if (LOADER_OPTIONS.keepCase) flags.push('--keepCase');
  if (LOADER_OPTIONS.longs === String) flags.push('--longs=String');
  if (LOADER_OPTIONS.enums === String) flags.push('--enums=String');
  if (LOADER_OPTIONS.defaults) flags.push('--defaults');
  if (LOADER_OPTIONS.oneofs) flags.push('--oneofs');
  return flags;
}

function generate(outDir: string): void {
  fs.rmSync(outDir, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [GENERATOR, ...generatorFlags(), `--outDir=${outDir}`, ...PROTO_FILES, HEALTH_PROTO_FILE],
    {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    },
  );
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => fs.statSync(path.join(dir, name)).isFile())
    .sort();
}

function differences(expectedDir: string, actualDir: string): string[] {
  if (!fs.existsSync(actualDir)) return [`${actualDir} does not exist`];
  const expected = listFiles(expectedDir);
  const actual = listFiles(actualDir);
  const problems = expected.filter((f) => !actual.includes(f)).map((f) => `missing: ${f}`);
  problems.push(...actual.filter((f) => !expected.includes(f)).map((f) => `not generated from any .proto: ${f}`));
  for (const file of expected.filter((f) => actual.includes(f))) {
    const a = fs.readFileSync(path.join(expectedDir, file), 'utf8');
    const b = fs.readFileSync(path.join(actualDir, file), 'utf8');
    if (a !== b) problems.push(`out of date: ${file}`);
  }
  return problems;
}

if (process.argv.includes('--check')) {
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-types-'));
  try {
    generate(fresh);
    const problems = differences(fresh, GENERATED_DIR);
    if (problems.length > 0) {
      console.error(`protos/generated/ is out of sync with the .proto files:\n  ${problems.join('\n  ')}`);
      console.error('Run `npm run generate:types` and commit the result.');
      process.exit(1);
    }
    console.log('protos/generated/ is in sync with the .proto files.');
  } finally {
    fs.rmSync(fresh, { recursive: true, force: true });
  }
} else {
  generate(GENERATED_DIR);
  console.log(`Generated ${listFiles(GENERATED_DIR).length} files in protos/generated/.`);
}
