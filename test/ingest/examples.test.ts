import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addIngestExamples } from '../../examples/ingest';
import { StableSnapshot } from '../../src';
import { nagErrors } from '../util/nag';

test('the AppFlow example synthesizes nag-clean with a scheduled Salesforce flow and an on-demand Zendesk flow', () => {
  const app = new App();
  addIngestExamples(app);
  const stack = app.node.findChild('AppFlowIngestExample') as any;
  expect(nagErrors(app)).toEqual([]);
  const flows = Object.values(Template.fromStack(stack).findResources('AWS::AppFlow::Flow')).map(f => f.Properties);
  expect(flows.map(f => `${f.SourceFlowConfig.ConnectorType}/${f.TriggerConfig.TriggerType}`).sort()).toEqual(['Salesforce/Scheduled', 'Zendesk/OnDemand']);
  expect(StableSnapshot.of(stack)).toMatchSnapshot();
});
