import { awscdk, javascript, JsonFile } from 'projen';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-decoupling-patterns',
  packageName: 'cdk-decoupling-patterns',
  description: 'AWS CDK L3 constructs for the decoupling patterns (SQS, SNS fanout, API front doors, Batch, Step Functions, AppFlow, Amazon MQ) with safe defaults, plus an offline simulator that runs the synthesized template on a virtual clock.',
  keywords: ['cdk', 'awscdk', 'sqs', 'sns', 'fanout', 'decoupling', 'simulator', 'cdk-nag'],
  author: 'cdk-decoupling-patterns maintainers',
  authorAddress: 'maintainers@cdk-decoupling-patterns.dev',
  repositoryUrl: 'https://github.com/cdk-decoupling-patterns/cdk-decoupling-patterns.git',
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  // The projenrc tsconfig lives with projen's own files, not in a top-level projenrc/ folder.
  projenrcTsOptions: { projenCodeDir: '.projen/projenrc' },

  packageManager: javascript.NodePackageManager.NPM,
  cdkVersion: '2.276.0', // latest aws-cdk-lib 2.x on the registry (2026-11-23)
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0', // jsii 6.0.x bundles TypeScript ~6.0

  // There is no GitHub here: no workflows, no mergify, no release or upgrade automation.
  github: false,
  release: false,
  depsUpgrade: false,
  pullRequestTemplate: false,

  // Snapshot drift must fail, not be silently rewritten (`npx projen test:update` rewrites on purpose).
  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // Unit-test environment (CDK_VALIDATION off, deprecated aws-cdk-lib APIs fail): see test/setup-env.ts.
      setupFiles: ['<rootDir>/test/setup-env.ts'],
    },
  },

  // The simulator's CIDR matching for the SNS IpAddress filter operator; SigV4 verification and the XML writer of the
  // wire protocols (sim.clientConfig / sim.listen), loaded only when a test uses them.
  // cron-parser: AppFlow cron schedules; csv-stringify and parquetjs-lite: AppFlow CSV and Parquet files (loaded lazily).
  // The report's diagram layout (@dagrejs/dagre, loaded lazily); the command-line simulator's argument parser
  // (commander 14: the last line for Node 20) and its YAML scenario files.
  // API Gateway: request models (JSON Schema draft 4), VTL mapping templates, JWT/Cognito authorizers.
  bundledDeps: [
    'ipaddr.js@^2.2.0', '@smithy/signature-v4@^5.0.0', '@aws-sdk/xml-builder', 'cron-parser@^5', 'csv-stringify@^6', 'parquetjs-lite@^0.8.7',
    '@dagrejs/dagre@^3.1.4', 'commander@^14.0.0', 'yaml@^2.9.1', 'ajv@^8.17.0', 'ajv-draft-04@^1.0.0', 'velocityjs@^2.1.0', 'jose@^5.9.0',
    // jsonata: Step Functions' JSONata query language (loaded lazily, when a state machine first evaluates JSONata).
    'jsonata@^2.2.2',
  ],
  // The command-line simulator (src/sim/cli/main.ts; outside the jsii API like the sim entry point).
  bin: { 'cdk-decoupling-patterns': 'lib/sim/cli/main.js' },
  // aws-cdk@latest (3.0.0) is an old CLI build that cannot read schema 55: use ^2.
  // typescript pinned to the ~6.0 line jsii 6.0 uses (ts-jest and typescript-eslint want < 6.1).
  devDeps: [
    'cdk-nag@^3.0.2',
    'aws-cdk@^2',
    'tsx',
    'typescript@~6.0.0',
    '@types/node@^20',
    'fast-check@^4',
    'fauxqs@1.9.2', // the last line that runs on Node 20 (2.x needs node:sqlite)
    '@aws-sdk/client-sqs',
    '@aws-sdk/client-sns',
    '@aws-sdk/client-batch',
    '@aws-sdk/client-apigatewaymanagementapi',
    '@types/aws-lambda',
    // NodejsFunction bundles in the function-code tests (test/sim/lambda/code): aws-lambda-nodejs bundles locally with it.
    'esbuild@^0.28',
    'csv-parse', // the S3 -> Batch example's job handler parses the uploaded CSV
    // Real clients of the wire protocols (test/sim/wire): SDK v3 clients of every simulated service, sqs-consumer,
    // the Powertools batch processor.
    '@aws-sdk/client-s3',
    '@aws-sdk/client-lambda',
    '@aws-sdk/client-sfn',
    '@aws-sdk/client-dynamodb',
    '@aws-sdk/client-firehose',
    '@aws-sdk/client-appflow',
    'sqs-consumer',
    '@aws-lambda-powertools/batch',
    // The HTML report's check in headless Chromium (Debian's chromium, not a downloaded browser), and mermaid's
    // browser build to check that the diagrams' mermaid text parses and renders (mermaid 11: the line for Node 20).
    'playwright-core@^1.65.0',
    'mermaid@^11.17.0',
    // The API Gateway bench's peer: serverless-offline 13 (the last line whose peer, the serverless framework v3, runs
    // offline; serverless v4 downloads its framework at run time).
    'serverless@^3.40.0',
    'serverless-offline@^13.9.0',
    // The Step Functions benchmark's peer (its engines field asks for Node 22; it runs on Node 20 here).
    'aws-local-stepfunctions@3.0.0',
  ],
  gitignore: ['cdk.out', '/examples/cdk.out'],
});

// Second, non-jsii entry point: cdk-decoupling-patterns/sim (src/sim/index.ts, not re-exported from src/index.ts,
// so the simulator may use generics and union types that jsii would reject in the construct API).
project.package.addField('exports', {
  '.': { types: './lib/index.d.ts', default: './lib/index.js' },
  './sim': { types: './lib/sim/index.d.ts', default: './lib/sim/index.js' },
  './.jsii': './.jsii',
  './package.json': './package.json',
});
// TypeScript with `moduleResolution: node` (node10: the older `cdk init` layout, `module: commonjs` without
// moduleResolution) ignores `exports` and reports TS2307 for cdk-decoupling-patterns/sim; typesVersions points it at
// the same declarations. Node itself (and jest) resolve the subpath through `exports`. test:consumer checks both.
project.package.addField('typesVersions', { '*': { sim: ['lib/sim/index.d.ts'] } });

// This registry lacks the non-Linux @unrs/resolver-binding-*@1.13.0; 1.12.2 has every binding, so `npm ci` accepts the lock.
project.package.addPackageResolutions('unrs-resolver@1.12.2');

project.npmignore?.exclude('/examples/', 'cdk.out', '/test/', '/docs/');
project.eslint?.addLintPattern('examples');
project.eslint?.allowDevDeps('examples/**');
project.eslint?.allowDevDeps('test/**');
// eslint's typed linting needs a tsconfig that covers examples/ (the root tsconfig is src-only for jsii).
new JsonFile(project, 'examples/tsconfig.json', {
  obj: { extends: '../tsconfig.json', compilerOptions: { noEmit: true, rootDir: '..' }, include: ['**/*.ts'] },
});

// jsii 6 prints a large 'Node 20 is end-of-life' banner on every run.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

// Unit tests synthesize hundreds of stacks; aws-cdk-lib's built-in CloudFormation validation costs ~3-6 s per App
// there. It stays ON for the example app synthesized by `examples` (run in CI), which is the step that pins it.
project.testTask.env('CDK_VALIDATION', 'false');
// Tests and examples are type-checked too (ts-jest only transpiles them).
project.testTask.prependExec('tsc --noEmit -p test/tsconfig.json && tsc --noEmit -p examples/tsconfig.json', {
  name: 'type-check tests and examples',
});

// API.md is generated by jsii-docgen during the build and committed: on CI a stale API.md fails the build.
project.postCompileTask.exec('git diff --exit-code --stat -- API.md', {
  name: 'API.md must be committed as the build generated it',
  condition: 'node -e "if (!process.env.CI) process.exit(1)"',
});

// `npm test` is the whole verification and the README's test command: jsii compile, docgen + the API.md check,
// type-check of tests and examples, jest, eslint. (projen locks `build`, which therefore compiles twice.)
project.testTask.prependSpawn(project.postCompileTask);
project.testTask.prependSpawn(project.compileTask);

// Consumer test: the packed tarball installed into the app layouts users have (today's `cdk init app --language
// typescript` with NodeNext and TypeScript 7, and the older `moduleResolution: node` one), compiled and running a
// simulator test. Its fixture apps (test/consumer/) are not part of the library's own type-check, jest run or lint.
project.tsconfigDev.addExclude('consumer/**');
project.jest?.addIgnorePattern('<rootDir>/test/consumer/');
project.eslint?.addIgnorePattern('test/consumer/');
project.addTask('test:consumer', {
  description: 'Install the packed tarball (dist/js, from `package`) into cdk-init-style apps and run their build and simulator test (needs the npm registry)',
  exec: 'bash test/consumer/run.sh',
});

const cdkEnv = { CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: 'true' };
project.addTask('examples:synth', {
  description: 'cdk synth examples/app.ts offline (CloudFormation validation on) and list what it created',
  exec: "cdk synth --app 'npx tsx examples/app.ts' --no-notices -q -o cdk.out",
  env: cdkEnv,
});
const examples = project.addTask('examples', {
  description: 'The main job: synthesize the example app to cdk.out/ and run it offline in the simulator',
});
examples.spawn(project.tasks.tryFind('examples:synth')!);
examples.exec('npx tsx examples/report.ts cdk.out');

project.addTask('bench', {
  description: 'Simulator benchmarks against fauxqs (in-process and over HTTP) on the same workloads',
  exec: 'npx tsx test/bench/run.ts',
});

project.synth();
