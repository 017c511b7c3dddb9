'use strict';
// Lets Node require TypeScript files (our CLI and the user's Pulumi program) without a build step.
// Each file is transpiled once (no type-check: `npm test` does that) and cached by content hash,
// so a warm start does not pay for loading the TypeScript compiler.
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const cacheDir = path.join(__dirname, '..', 'node_modules', '.cache', 'agent-iam-ts');
let ts;
let compilerVersion;

function compilerOptions() {
  return {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    isolatedModules: true,
    // Stacks of a user's program then point at its TypeScript lines (the program host enables
    // source maps); the map costs nothing until a stack is rendered.
    inlineSourceMap: true,
  };
}

function transpile(source, filename) {
  const key = crypto
    .createHash('sha1')
    .update(process.version)
    .update('\0inline-source-map')
    .update('\0')
    .update(filename)
    .update('\0')
    .update(source)
    .digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // not cached yet
  }
  if (!ts) {
    ts = require('typescript');
    compilerVersion = ts.version;
  }
  const output = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: compilerOptions(),
    reportDiagnostics: false,
  }).outputText;
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `// typescript ${compilerVersion}\n${output}`);
    fs.renameSync(tmp, cached);
  } catch {
    // A read-only checkout still works, only slower.
  }
  return output;
}

if (!require.extensions['.ts']) {
  require.extensions['.ts'] = function loadTypeScript(module, filename) {
    const source = fs.readFileSync(filename, 'utf8');
    module._compile(transpile(source, filename), filename);
  };
}
