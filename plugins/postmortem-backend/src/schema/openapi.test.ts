import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { spec } from './openapi';

describe('generated OpenAPI router', () => {
  it('matches src/schema/openapi.yaml (run `yarn generate:openapi` after editing it)', () => {
    const source = YAML.parse(
      fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
    );
    expect(spec).toEqual(source);
  });
});
