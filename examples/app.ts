#!/usr/bin/env node
// The example app: one stack per decoupling pattern, synthesized offline with `npx projen examples`.
// All four cdk-nag packs run as validation plugins, so `cdk synth` fails on any unacknowledged finding.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { addApiExamples } from './api';
import { addBatchExamples } from './batch';
import { addBrokerExamples } from './broker';
import { addFanoutExamples } from './fanout';
import { addIngestExamples } from './ingest';
import { addQueueExamples } from './queue';
import { addWorkflowExamples } from './workflow';

export function buildExampleApp(app: App = new App()): App {
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app),
    new NIST80053R5Checks(app),
    new HIPAASecurityChecks(app),
    new PCIDSS321Checks(app),
  );
  addQueueExamples(app);
  addFanoutExamples(app);
  addApiExamples(app);
  addBatchExamples(app);
  addWorkflowExamples(app);
  addIngestExamples(app);
  addBrokerExamples(app);
  return app;
}

if (require.main === module) {
  buildExampleApp().synth();
}
