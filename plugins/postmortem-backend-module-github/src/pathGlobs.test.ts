import { parsePathGlob, parsePathGlobList } from './pathGlobs';

describe('path globs', () => {
  it.each([
    ['config/**', 'config/app.yaml', true],
    ['config/**', 'config/prod/app.yaml', true],
    ['config/**', 'configs/app.yaml', false],
    ['deploy/values-*.yaml', 'deploy/values-prod.yaml', true],
    ['deploy/values-*.yaml', 'deploy/prod/values-prod.yaml', false],
    ['**/*.properties', 'application.properties', true],
    ['**/*.properties', 'src/main/resources/application.properties', true],
    ['**/*.properties', 'src/Main.java', false],
    ['helm/*/values.{yaml,yml}', 'helm/checkout/values.yml', true],
    ['helm/*/values.{yaml,yml}', 'helm/checkout/values.json', false],
    ['app.?.conf', 'app.1.conf', true],
    // Without wildcards: the file, or everything below the directory.
    ['config', 'config', true],
    ['config', 'config/app.yaml', true],
    ['config', 'configuration.md', false],
    ['./k8s/', 'k8s/deployment.yaml', true],
    ['feature.flags.json', 'featureXflags.json', false],
  ])('%s matches %s: %s', (glob, path, expected) => {
    expect(parsePathGlob(glob).matches(path)).toBe(expected);
  });

  it('names the literal directory GitHub can filter on', () => {
    expect(parsePathGlob('config/prod/*.yaml').prefix).toBe('config/prod');
    expect(parsePathGlob('deploy/values-*.yaml').prefix).toBe('deploy');
    expect(parsePathGlob('**/*.env').prefix).toBe('');
    expect(parsePathGlob('k8s/configmap.yaml').prefix).toBe(
      'k8s/configmap.yaml',
    );
  });

  it('refuses what cannot be a path of a repository', () => {
    expect(() => parsePathGlob('')).toThrow(/not a path glob/);
    expect(() => parsePathGlob('../secrets/**')).toThrow(/not a path glob/);
    expect(() => parsePathGlob('config/\n**')).toThrow(/not a path glob/);
  });

  it('reads an annotation of comma- or newline-separated globs', () => {
    expect(
      parsePathGlobList('config/**, deploy/*.yaml\nflags.json,').map(
        g => g.glob,
      ),
    ).toEqual(['config/**', 'deploy/*.yaml', 'flags.json']);
  });
});
