// Fails when src/api/schema.d.ts is not what `npm run generate` makes from ../openapi.yaml, i.e.
// the API changed and the client types were not regenerated.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const committed = join(root, 'src/api/schema.d.ts');
const dir = mkdtempSync(join(tmpdir(), 'ieum-schema-'));
const fresh = join(dir, 'schema.d.ts');
try {
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/openapi-typescript/bin/cli.js'), join(root, '../openapi.yaml'), '-o', fresh],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const want = readFileSync(fresh, 'utf8').split('\n');
  const have = readFileSync(committed, 'utf8').split('\n');
  if (want.join('\n') === have.join('\n')) {
    console.log('src/api/schema.d.ts is up to date with ../openapi.yaml');
  } else {
    let line = 0;
    while (line < want.length && want[line] === have[line]) line += 1;
    console.error(
      [
        'src/api/schema.d.ts is out of date: ../openapi.yaml changed since it was generated.',
        `First difference at line ${line + 1}:`,
        `  committed: ${have[line] ?? '(end of file)'}`,
        `  expected:  ${want[line] ?? '(end of file)'}`,
        'Run `npm run generate` in frontend/ and commit the result (then fix any type errors it shows).',
      ].join('\n'),
    );
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
