// Loaded by jest before every test file (jestConfig.setupFiles in .projenrc.ts).
// aws-cdk-lib's built-in CloudFormation validation costs seconds per App; the example app keeps it on in CI
// (`npm run examples`), so unit tests turn it off unless the caller set it.
process.env.CDK_VALIDATION = process.env.CDK_VALIDATION ?? 'false';
// A construct that calls a deprecated aws-cdk-lib API prints a warning to its users: make that a failure here.
process.env.JSII_DEPRECATED = process.env.JSII_DEPRECATED ?? 'fail';
