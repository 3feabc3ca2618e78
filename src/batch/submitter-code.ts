import * as fs from 'fs';
import * as path from 'path';
import * as lambda from 'aws-cdk-lib/aws-lambda';

const SUBMITTER_DIR = path.join(__dirname, 'submitter');

/**
 * The submitter's code asset. From the published package (lib/batch/submitter) it is jsii's compiled index.js as
 * it is. From a source checkout run by ts-node, tsx or ts-jest (src/batch/submitter holds only index.ts) the
 * TypeScript is transpiled into the asset at synthesis, so example stacks synthesized from source deploy a
 * runnable function too.
 */
export function submitterCode(dir: string = SUBMITTER_DIR): lambda.Code {
  if (fs.existsSync(path.join(dir, 'index.js'))) return lambda.Code.fromAsset(dir);
  return lambda.Code.fromAsset(dir, {
    bundling: {
      // Never pulled: local bundling below always succeeds in a source checkout, where TypeScript is installed.
      image: lambda.Runtime.NODEJS_24_X.bundlingImage,
      local: { tryBundle: outputDir => transpileInto(dir, outputDir) },
    },
  });
}

function transpileInto(dir: string, outputDir: string): boolean {
  let ts: typeof import('typescript');
  try {
    // A development dependency: present wherever src/ is run directly, absent (and unneeded) in the published package.
    // eslint-disable-next-line @typescript-eslint/no-require-imports, import/no-extraneous-dependencies
    ts = require('typescript');
  } catch {
    return false;
  }
  const source = fs.readFileSync(path.join(dir, 'index.ts'), 'utf8');
  const output = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  fs.writeFileSync(path.join(outputDir, 'index.js'), output.outputText);
  return true;
}
