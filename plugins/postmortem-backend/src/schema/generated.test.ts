import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The generator is a plain Node script, shared with `yarn generate:openapi`;
// the repository's prettier (2.x) ships no types.
/* eslint-disable @typescript-eslint/no-require-imports */
const { generate, OUTPUT } = require('../../scripts/generate-openapi');
const prettier = require('prettier');
/* eslint-enable @typescript-eslint/no-require-imports */

/** Every file below a folder, as paths relative to it. */
function filesBelow(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(entry =>
      entry.isDirectory()
        ? filesBelow(path.join(dir, entry.name)).map(f =>
            path.join(entry.name, f),
          )
        : [entry.name],
    )
    .sort();
}

describe('code generated from openapi.yaml', () => {
  it.each(['serverDir', 'commonDir'])(
    'is current in %s (run `yarn generate:openapi` after editing the spec)',
    async which => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-'));
      const output = {
        serverDir: path.join(tmp, 'server', 'generated'),
        commonDir: path.join(tmp, 'common', 'generated'),
      };
      try {
        generate(output);
        const fresh: string = output[which as keyof typeof output];
        const committed: string = OUTPUT[which];
        expect(filesBelow(committed)).toEqual(filesBelow(fresh));
        for (const file of filesBelow(fresh)) {
          const target = path.join(committed, file);
          const options = (await prettier.resolveConfig(target)) ?? {};
          const expected = prettier.format(
            fs.readFileSync(path.join(fresh, file), 'utf8'),
            { ...options, filepath: target },
          );
          expect(`${file}:\n${fs.readFileSync(target, 'utf8')}`).toBe(
            `${file}:\n${expected}`,
          );
        }
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    },
  );
});
