'use strict';
// Lets Node require TypeScript files (our CLI and the user's Pulumi program) without a build step.
// Each file is transpiled once (no type-check: `npm test` does that) and cached by content hash,
// so a warm start does not pay for loading the TypeScript compiler.
//
// A user's program is transpiled with its own tsconfig's compiler options, as `pulumi preview`
// does through ts-node (`useProgramTsconfig`, called by the program host): what the tsconfig sets
// (target, experimentalDecorators, emitDecoratorMetadata, useDefineForClassFields, jsx, ...) wins
// over the defaults below, except the options that decide how the output is loaded (CommonJS,
// inline source maps, no declarations). Like ts-node, `paths` are not applied at run time.
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

/** Set by `useProgramTsconfig`: the program's folder, its tsconfig and a key of its text. */
let program;

/** The options that decide how the output is loaded; the program's tsconfig cannot change them. */
function forcedOptions() {
  return {
    module: ts.ModuleKind.CommonJS,
    inlineSourceMap: true,
    sourceMap: false,
    declaration: false,
    declarationMap: false,
    emitDeclarationOnly: false,
    noEmit: false,
    isolatedModules: true,
    verbatimModuleSyntax: false,
    composite: false,
    incremental: false,
  };
}

/**
 * What Pulumi's Node.js language host gives ts-node under every program's own tsconfig (or alone,
 * with none): target ES2020 (`@pulumi/pulumi` `cmd/run/run.js`, "We're not in ESM mode"). Not
 * agent-iam's ES2022: there, class fields are defined after `super()` (useDefineForClassFields), so
 * a field a program only declares (`public readonly url!: pulumi.Output<string>`) would erase the
 * output the SDK's constructor set.
 */
function pulumiDefaults() {
  return { ...compilerOptions(), target: ts.ScriptTarget.ES2020 };
}

/** The compiler options the program's tsconfig sets (after `extends`), read once. */
function programCompilerOptions() {
  if (program.options) return program.options;
  if (program.tsconfig === undefined) {
    program.options = { ...pulumiDefaults(), ...forcedOptions() };
    return program.options;
  }
  // A tsconfig that ts-node would refuse fails the run, as it fails `pulumi preview`.
  const refuse = (diagnostic) => {
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    throw new Error(`${program.tsconfig}: ${text} (TS${diagnostic.code}); fix the tsconfig`);
  };
  const read = ts.readConfigFile(program.tsconfig, ts.sys.readFile);
  if (read.error) refuse(read.error);
  // File lists are not needed to transpile one file: skip the folder walk, and so ignore
  // "No inputs were found" (TS18003).
  const host = { ...ts.sys, readDirectory: () => [] };
  const parsed = ts.parseJsonConfigFileContent(read.config, host, path.dirname(program.tsconfig));
  const error = parsed.errors.find((d) => d.code !== 18003);
  if (error) refuse(error);
  const kept = { ...parsed.options };
  // Resolution and output locations mean nothing to a file transpiled in memory.
  for (const name of ['moduleResolution', 'outDir', 'outFile', 'rootDir', 'tsBuildInfoFile']) {
    delete kept[name];
  }
  program.options = { ...pulumiDefaults(), ...kept, ...forcedOptions() };
  return program.options;
}

/** Whether `filename` is the user's program (not a package, not the checker itself). */
function isProgramFile(filename) {
  return (
    program !== undefined &&
    filename.startsWith(program.dir) &&
    !filename.includes(`${path.sep}node_modules${path.sep}`) &&
    !filename.startsWith(ownDir)
  );
}

const ownDir = path.join(__dirname, '..', 'offline') + path.sep;

function transpile(source, filename) {
  const forProgram = isProgramFile(filename);
  const key = crypto
    .createHash('sha1')
    .update(process.version)
    .update('\0inline-source-map\0syntax-checked')
    .update(forProgram ? `\0tsconfig\0${program.tsconfig}\0${program.text}` : '')
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
  const result = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: forProgram ? programCompilerOptions() : compilerOptions(),
    // Syntax errors are reported at their TypeScript line, as ts-node reports them to `pulumi
    // preview` (V8 would name a line of the transpiled output). Only a program's can occur:
    // agent-iam's own files are type-checked by `npm test`.
    reportDiagnostics: true,
  });
  refuseSyntaxErrors(result.diagnostics, filename);
  const output = result.outputText;
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

/** Throws the first syntax error TypeScript found in a file, as `file:line:column`. */
function refuseSyntaxErrors(diagnostics, filename) {
  // Errors in the file's text only: an option the program's tsconfig sets wrongly is not the
  // file's, and was never refused here (ts-node reports those from the tsconfig).
  const errors = (diagnostics || []).filter(
    (d) => d.category === ts.DiagnosticCategory.Error && d.file !== undefined,
  );
  if (errors.length === 0) return;
  const first = errors[0];
  const at = first.file.getLineAndCharacterOfPosition(first.start ?? 0);
  const text = ts.flattenDiagnosticMessageText(first.messageText, ' ');
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  const shown =
    program && filename.startsWith(program.dir) ? path.relative(program.dir, filename) : filename;
  const where = `${shown}:${at.line + 1}:${at.character + 1}`;
  const err = new SyntaxError(`${where}: ${text} (TS${first.code})${more}; fix the syntax`);
  // The message says where; a stack of the checker's loader would only hide it.
  err.stack = `SyntaxError: ${err.message}`;
  throw err;
}

/**
 * Transpiles the program in `projectDir` with the compiler options of `tsconfigFile` (Pulumi's
 * defaults alone when undefined) from now on. The cache key includes the tsconfig's text (not that
 * of a file it `extends`).
 */
function useProgramTsconfig(projectDir, tsconfigFile) {
  let text = '';
  if (tsconfigFile !== undefined) {
    try {
      text = fs.readFileSync(tsconfigFile, 'utf8');
    } catch {
      return;
    }
  }
  program = { dir: path.resolve(projectDir) + path.sep, tsconfig: tsconfigFile, text };
}

/**
 * Fills the cache for agent-iam's own TypeScript under `dirs` (relative to the package), as the
 * judge's process does before it starts a program host: the host runs under a sandbox that may
 * not write (`offline/isolated-run.ts`), so what it lends a program (the components, the pack's
 * shared modules) would otherwise be transpiled again on every run. Only the trusted process
 * writes the cache; a program never can.
 */
function warmOwnFiles(dirs) {
  const root = path.join(__dirname, '..');
  const visit = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') visit(file);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        transpile(fs.readFileSync(file, 'utf8'), file);
      }
    }
  };
  for (const dir of dirs) {
    const target = path.join(root, dir);
    if (target.endsWith('.ts')) transpile(fs.readFileSync(target, 'utf8'), target);
    else visit(target);
  }
}

module.exports = { useProgramTsconfig, warmOwnFiles };

if (!require.extensions['.ts']) {
  require.extensions['.ts'] = function loadTypeScript(module, filename) {
    const source = fs.readFileSync(filename, 'utf8');
    module._compile(transpile(source, filename), filename);
  };
}
