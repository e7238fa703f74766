import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The generator is a plain Node script, shared with `yarn generate:openapi`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generate, OUTPUT } = require('../../scripts/generate-openapi');

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
        await generate(output);
        const fresh: string = output[which as keyof typeof output];
        const committed: string = OUTPUT[which];
        expect(filesBelow(committed)).toEqual(filesBelow(fresh));
        for (const file of filesBelow(fresh)) {
          expect(
            `${file}:\n${fs.readFileSync(path.join(committed, file), 'utf8')}`,
          ).toBe(
            `${file}:\n${fs.readFileSync(path.join(fresh, file), 'utf8')}`,
          );
        }
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    },
  );
});
