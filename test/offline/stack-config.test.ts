/**
 * Stack config as the Pulumi CLI hands it to a program: `secure:` values, at the top or nested in
 * structured values, become the placeholder and their key a secret; a stack named on the command
 * line must have its file, and the message lists the stacks that do.
 */
import * as path from 'path';
import { loadProgramProject, SECRET_PLACEHOLDER, StackConfigError } from '../../offline';
import { removePrograms, writeProgram } from '../support/programs';

afterAll(removePrograms);

const PROJECT = 'name: shop\nruntime: nodejs\n';

function load(files: Record<string, string>, stack = 'dev', stackFileRequired = false) {
  const dir = writeProgram({ 'Pulumi.yaml': PROJECT, 'index.ts': '', ...files });
  return {
    dir,
    project: loadProgramProject(path.join(dir, 'index.ts'), stack, { stackFileRequired }),
  };
}

describe('secure values', () => {
  test('a secure leaf inside an object becomes the placeholder, and its key a secret', () => {
    const { project } = load({
      'Pulumi.dev.yaml': [
        'config:',
        '  shop:db:',
        '    host: db.internal',
        '    password:',
        '      secure: v1:abc',
        '  shop:plain:',
        '    host: db.internal',
        '  shop:token:',
        '    secure: v1:def',
        '',
      ].join('\n'),
    });
    expect(JSON.parse(project.config['shop:db'])).toEqual({
      host: 'db.internal',
      password: SECRET_PLACEHOLDER,
    });
    expect(project.config['shop:token']).toBe(SECRET_PLACEHOLDER);
    expect(project.config['shop:plain']).toBe('{"host":"db.internal"}');
    expect(project.secretKeys.sort()).toEqual(['shop:db', 'shop:token']);
  });

  test('a secure leaf inside an array of objects is found too', () => {
    const { project } = load({
      'Pulumi.dev.yaml':
        'config:\n  shop:users:\n    - name: a\n      key:\n        secure: v1:x\n    - name: b\n',
    });
    expect(JSON.parse(project.config['shop:users'])).toEqual([
      { name: 'a', key: SECRET_PLACEHOLDER },
      { name: 'b' },
    ]);
    expect(project.secretKeys).toEqual(['shop:users']);
  });

  test('a stack value without secrets replaces a secret project default and is no longer secret', () => {
    const { project } = load({
      'Pulumi.yaml': `${PROJECT}config:\n  token:\n    secure: v1:abc\n`,
      'Pulumi.dev.yaml': 'config:\n  shop:token: plain\n',
    });
    expect(project.config['shop:token']).toBe('plain');
    expect(project.secretKeys).toEqual([]);
  });
});

describe('the stack file', () => {
  test('a stack named with --stack whose file is missing is refused, listing the stacks that exist', () => {
    const dir = writeProgram({
      'Pulumi.yaml': PROJECT,
      'index.ts': '',
      'Pulumi.dev.yaml': 'config: {}\n',
      'Pulumi.prod.yaml': 'config: {}\n',
    });
    const run = () =>
      loadProgramProject(path.join(dir, 'index.ts'), 'staging', { stackFileRequired: true });
    expect(run).toThrow(StackConfigError);
    expect(run).toThrow(
      `--stack staging: ${path.join(dir, 'Pulumi.staging.yaml')} does not exist; the stacks with a config file here are dev, prod: pass one of them as --stack, or create Pulumi.staging.yaml`,
    );
  });

  test('with no stack file at all, the message says how to create one', () => {
    const dir = writeProgram({ 'Pulumi.yaml': PROJECT, 'index.ts': '' });
    expect(() =>
      loadProgramProject(path.join(dir, 'index.ts'), 'prod', { stackFileRequired: true }),
    ).toThrow(
      `--stack prod: ${path.join(dir, 'Pulumi.prod.yaml')} does not exist; there is no stack config file here: create Pulumi.prod.yaml (e.g. \`pulumi config set aws:region us-east-1 --stack prod\`), or leave out --stack`,
    );
  });

  test('the default stack without a file is an empty stack config, as Pulumi reads it', () => {
    const { project, dir } = load({ 'Pulumi.yaml': `${PROJECT}config:\n  owner: team:x\n` });
    expect(project.stackFileFound).toBe(false);
    expect(project.stackFile).toBe(path.join(dir, 'Pulumi.dev.yaml'));
    expect(project.config).toEqual({ 'shop:owner': 'team:x' });
  });

  test('stackConfigDir in Pulumi.yaml is where the stack files are', () => {
    const { project, dir } = load({
      'Pulumi.yaml': `${PROJECT}stackConfigDir: config\n`,
      'config/Pulumi.dev.yaml': 'config:\n  aws:region: eu-west-1\n',
    });
    expect(project.stackFile).toBe(path.join(dir, 'config', 'Pulumi.dev.yaml'));
    expect(project.config['aws:region']).toBe('eu-west-1');
    expect(project.keySources['aws:region']).toBe(path.join(dir, 'config', 'Pulumi.dev.yaml'));
  });
});
