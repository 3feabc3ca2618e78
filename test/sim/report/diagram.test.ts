/**
 * sim.diagram(): the architecture as a mermaid flowchart (and SVG), drawn from the template by the per-service edge
 * extractors, grouped by construct, infrastructure hidden unless asked for.
 */
import { App, Stack } from 'aws-cdk-lib';
import { httpApiTemplate, pipelineTemplate, restApiTemplate, stateMachineTemplate } from './templates';
import { FilterRoutedTopic, ResilientQueue } from '../../../src';
import { Simulator } from '../../../src/sim';
import { architectureGraph, classesOfTree } from '../../../src/sim/report/diagram';

function shop() {
  const stack = new Stack(new App(), 'Shop', { env: { account: '123456789012', region: 'us-east-1' } });
  new FilterRoutedTopic(stack, 'Orders', { attributeName: 'orderStatus', routes: ['submitted'], rawMessageDelivery: true });
  new ResilientQueue(stack, 'Payments', {});
  return Simulator.fromStack(stack);
}

const lines = (text: string) => text.split('\n').map(l => l.trim());
const diagramOf = (template: object) => Simulator.fromTemplate(template, { stackName: 'Shop', strict: false }).diagram();

describe('sim.diagram() of the library\'s constructs', () => {
  const sim = shop();
  const text = sim.diagram();

  test('is a left-to-right mermaid flowchart with a box per L3, named by its construct id and class', () => {
    expect(text.startsWith('flowchart LR\n')).toBe(true);
    expect(lines(text)).toEqual(expect.arrayContaining([
      'subgraph g_Shop_Orders["Orders (FilterRoutedTopic)"]',
      'subgraph g_Shop_Orders_Fanout_Route_submitted["Route-submitted (ResilientQueue)"]',
      'subgraph g_Shop_Payments["Payments (ResilientQueue)"]',
    ]));
    // The L3's internal Fanout construct holds the same resources as Orders: no box of its own.
    expect(text).not.toMatch(/subgraph \S+\["Fanout/);
  });

  test('draws each filtered subscription from the topic to its queue, labelled with its filter policy', () => {
    expect(lines(text)).toEqual(expect.arrayContaining([
      'n_OrdersFanoutTopic -->|"orderStatus: submitted"| n_OrdersFanoutRoutesubmittedQueue',
      'n_OrdersFanoutTopic -->|"orderStatus: not [submitted]"| n_OrdersFanoutCatchAllQueue',
    ]));
  });

  test('draws DLQs and alarms as dotted side paths: redrive after maxReceiveCount, the subscription DLQ, the depth alarm', () => {
    expect(lines(text)).toEqual(expect.arrayContaining([
      'n_PaymentsQueue -.->|"after 5 receives"| n_PaymentsDeadLetterQueue',
      'n_OrdersFanoutTopic -.->|"undeliverable"| n_OrdersFanoutRoutesubmittedSubscriptionDlq',
      'n_PaymentsDeadLetterQueue -.->|"ApproximateNumberOfMessagesVisible #62;= 1"| n_PaymentsDeadLetterQueueDepthAlarm',
    ]));
    expect(text).toMatch(/^ {2}class [^\n]*n_PaymentsDeadLetterQueue[^\n]* k_dlq$/m);
  });

  test('hides infrastructure (KMS keys, policies) unless asked; with { infrastructure: true } draws keys and what uses them', () => {
    expect(text).not.toMatch(/KMS|Policy/);
    const all = sim.diagram({ infrastructure: true });
    expect(all).toContain('n_OrdersFanoutKey["Fanout/Key<br/><small>KMS Key</small>"]');
    expect(lines(all)).toContain('n_OrdersFanoutTopic -.->|"KmsMasterKeyId"| n_OrdersFanoutKey');
  });

  test('{ groups: false } draws no boxes; { direction: \'TB\' } flows top to bottom', () => {
    const flat = sim.diagram({ groups: false, direction: 'TB' });
    expect(flat.startsWith('flowchart TB\n')).toBe(true);
    expect(flat).not.toContain('subgraph');
    // Without a box, a node is named by its whole construct path.
    expect(flat).toContain('n_PaymentsQueue[["Payments/Queue<br/><small>SQS queue</small>"]]');
  });

  test('{ format: \'svg\' } draws the same graph: one node group per node, one box per construct', () => {
    const graph = architectureGraph({ resources: sim.resources });
    const svg = sim.diagram({ format: 'svg' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<g class="node /g)).toHaveLength(graph.nodes.length);
    expect(svg.match(/<g class="cluster"/g)).toHaveLength(graph.groups.length);
    expect(svg.match(/<g class="edge /g)).toHaveLength(graph.edges.length);
    expect(svg).toContain('>orderStatus: submitted</text>');
  });
});

test('several stacks: each stack is the outermost box, its constructs boxed inside it', () => {
  const app = new App();
  const env = { account: '123456789012', region: 'us-east-1' };
  const orders = new Stack(app, 'Orders', { env });
  new ResilientQueue(orders, 'Intake', {});
  const billing = new Stack(app, 'Billing', { env });
  new ResilientQueue(billing, 'Invoices', {});
  const text = Simulator.fromApp(app).diagram();
  expect(lines(text)).toEqual(expect.arrayContaining([
    'subgraph g_Orders["Orders"]',
    'subgraph g_Orders_Intake["Intake (ResilientQueue)"]',
    'subgraph g_Billing["Billing"]',
    'subgraph g_Billing_Invoices["Invoices (ResilientQueue)"]',
  ]));
});

describe('edge extractors of the other services (they read the template only)', () => {
  test('API Gateway REST: each method to its integration\'s target by route; an SQS AWS integration through its role; CORS mocks skipped', () => {
    const text = diagramOf(restApiTemplate);
    expect(lines(text)).toEqual(expect.arrayContaining([
      'x_clients --> n_Api',
      'n_Api -->|"POST /orders"| n_Queue',
      'n_Api -->|"GET /orders/{id}"| n_Reader',
      'n_Api -.->|"authorizer tokens"| n_Authorizer',
    ]));
    expect(text).not.toContain('OPTIONS');
  });

  test('API Gateway HTTP and WebSocket: each route key to the integration\'s function', () => {
    const text = diagramOf(httpApiTemplate);
    expect(lines(text)).toEqual(expect.arrayContaining([
      'n_Http -->|"POST /orders"| n_Handler',
      'n_Ws -->|"$connect"| n_Handler',
      'n_Ws[\\"Ws<br/><small>WebSocket API</small>"/]',
    ]));
  });

  test('Step Functions: the services the tasks call, from the definition, through Parallel branches; unresolved targets as the service', () => {
    const text = diagramOf(stateMachineTemplate);
    expect(lines(text)).toEqual(expect.arrayContaining([
      'n_Machine -->|"Reserve"| n_Reservations',
      'n_Machine -->|"Charge (task token)"| n_Charge',
      'n_Machine -->|"Pick"| n_Picks',
      'n_Machine -->|"Archive"| x_service_s3',
    ]));
  });

  test('pipelines: S3 notification with its key filter, mapping with batch size and filter, destinations, Batch, AppFlow, Firehose, rule, alarm actions', () => {
    const text = diagramOf(pipelineTemplate);
    expect(lines(text)).toEqual(expect.arrayContaining([
      'n_Uploads -->|"ObjectCreated:* in/*.csv"| n_Work',
      'n_Work -->|"batch 5<br/>filter body.kind: csv"| n_Submitter',
      'n_Work -.->|"after 3 receives"| n_WorkDlq',
      'n_Submitter -.->|"on failure"| n_Failures',
      'n_JobQueue -->|"runs on"| n_Compute',
      'n_Submitter -->|"submits jobs<br/>JOB_QUEUE"| n_JobQueue',
      'n_JobDefinition -->|"writes"| n_Results',
      'x_appflow_Salesforce -->|"Account, rate(1hours)"| n_Accounts',
      'n_Accounts -->|"prefix accounts"| n_Landing',
      'n_Archive -->|"prefix archive/"| n_Landing',
      'n_Nightly -->|"cron(0 2 * * ? *)"| n_Submitter',
      'n_DlqDepth -.->|"ALARM, OK"| n_Alerts',
    ]));
    expect(text).toContain('n_Compute["Compute<br/><small>Batch compute environment (FARGATE)</small>"]');
    // A grant on `*` names nothing: the role's other statement resources are not drawn.
    expect(text.match(/-->\|"submits jobs/g)).toHaveLength(1);
  });

  test('labels escape what mermaid reads: quotes, angle brackets, pipes and semicolons as entity codes', () => {
    const template = {
      Resources: {
        T: { Type: 'AWS::SNS::Topic', Properties: {} },
        Q: { Type: 'AWS::SQS::Queue', Properties: {} },
        S: {
          Type: 'AWS::SNS::Subscription',
          Properties: { TopicArn: { Ref: 'T' }, Protocol: 'sqs', Endpoint: { 'Fn::GetAtt': ['Q', 'Arn'] }, FilterPolicy: { price: [{ numeric: ['>', 10, '<=', 20] }], tag: ['a|b;"c"'] } },
        },
      },
    };
    expect(diagramOf(template)).toContain('n_T -->|"price: #62; 10 #60;= 20<br/>tag: a#124;b#59;#34;c#34;"| n_Q');
  });
});

describe('construct classes for group labels', () => {
  test('tree.json names a construct\'s class by its jsii fqn (not for plain constructs.Construct)', () => {
    const classes = classesOfTree({
      tree: {
        id: 'App',
        path: '',
        children: {
          Shop: {
            id: 'Shop',
            path: 'Shop',
            constructInfo: { fqn: 'aws-cdk-lib.Stack' },
            children: {
              Orders: { id: 'Orders', path: 'Shop/Orders', constructInfo: { fqn: 'cdk-decoupling-patterns.ResilientQueue' } },
              Plain: { id: 'Plain', path: 'Shop/Plain', constructInfo: { fqn: 'constructs.Construct' } },
            },
          },
        },
      },
    });
    expect(classes.get('Shop/Orders')).toBe('ResilientQueue');
    expect(classes.has('Shop/Plain')).toBe(false);
  });
});
