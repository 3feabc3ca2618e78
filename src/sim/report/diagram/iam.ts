/**
 * Who produces into what, from IAM: a role's policies grant write actions (`sns:Publish`, `sqs:SendMessage`,
 * `dynamodb:PutItem`, `batch:SubmitJob`, ...) on resources of the stack, and the role belongs to a function, a state
 * machine, an API integration, a job definition... Each grant is a flow edge from the role's user to the resource
 * (data read from a bucket or table is drawn the other way). Only what the template grants is drawn: a grant is the
 * best evidence a template holds of a call made from code. Grants on `*` are not drawn (they name nothing).
 */
import type { GraphBuilder } from './builder';
import { asList, EdgeExtractor, jsonObject } from './extractor';
import type { TemplateResource } from '../../runtime';

/** Actions that move data, and the word drawn for each; `reads` edges point from the resource to the reader. */
const ACTION_VERBS: ReadonlyArray<[string, string, 'writes' | 'reads']> = [
  ['sns:Publish', 'publishes', 'writes'],
  ['sqs:SendMessage', 'sends', 'writes'],
  ['s3:PutObject', 'writes', 'writes'],
  ['s3:GetObject', 'reads', 'reads'],
  ['dynamodb:PutItem', 'writes', 'writes'],
  ['dynamodb:UpdateItem', 'writes', 'writes'],
  ['dynamodb:BatchWriteItem', 'writes', 'writes'],
  ['dynamodb:GetItem', 'reads', 'reads'],
  ['dynamodb:Query', 'reads', 'reads'],
  ['states:StartExecution', 'starts', 'writes'],
  ['states:StartSyncExecution', 'starts', 'writes'],
  ['lambda:InvokeFunction', 'invokes', 'writes'],
  ['batch:SubmitJob', 'submits jobs', 'writes'],
  ['firehose:PutRecord', 'puts records', 'writes'],
  ['firehose:PutRecordBatch', 'puts records', 'writes'],
  ['kinesis:PutRecord', 'puts records', 'writes'],
  ['kinesis:PutRecords', 'puts records', 'writes'],
  ['events:PutEvents', 'puts events', 'writes'],
  ['appflow:StartFlow', 'starts', 'writes'],
];

export const iamExtractor: EdgeExtractor = {
  types: ['AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'],
  extract(r, g) {
    const p = r.properties;
    if (r.type === 'AWS::IAM::Role') {
      for (const policy of asList<any>(p.Policies)) grant(g, [r], policy?.PolicyDocument);
      return;
    }
    // AWS::IAM::Policy and ManagedPolicy name their roles; a role may also list a managed policy's ARN.
    const roles = asList(p.Roles).map(name => g.index.ofType('AWS::IAM::Role').find(role => role.ref === name))
      .filter((role): role is TemplateResource => role !== undefined);
    if (r.type === 'AWS::IAM::ManagedPolicy') {
      for (const role of g.index.ofType('AWS::IAM::Role')) if (asList(role.properties.ManagedPolicyArns).includes(r.ref)) roles.push(role);
    }
    grant(g, roles, p.PolicyDocument);
  },
};

function grant(g: GraphBuilder, roles: readonly TemplateResource[], document: unknown): void {
  const statements = asList<any>(jsonObject(document)?.Statement);
  for (const role of roles) {
    const users = usersOf(g, role);
    if (users.length === 0) continue;
    for (const s of statements) {
      if (s?.Effect !== 'Allow') continue;
      const verbs = actionVerbs(asList<string>(s.Action));
      if (verbs.length === 0) continue;
      const targets = asList<string>(s.Resource).flatMap(res => (typeof res === 'string' ? g.index.matching(res) : []));
      for (const user of users) {
        for (const target of targets) {
          const to = g.node(target);
          // Configuration already drew how they are linked (a subscription, a DLQ, a state's call): that says more.
          if (to === undefined || g.linked(user, to)) continue;
          for (const [verb, direction] of verbs) {
            if (!verbApplies(verb, target)) continue;
            if (direction === 'reads') g.edge(to, user, 'uses', verb);
            else g.edge(user, to, 'flow', verb);
          }
        }
      }
    }
  }
}

/** A grant's verb only for the resource types it acts on (`s3:PutObject` on a bucket, not on a queue in the same list). */
function verbApplies(verb: string, target: TemplateResource): boolean {
  const service = target.type.split('::')[1]?.toLowerCase() ?? '';
  return (VERB_SERVICES[verb] ?? []).includes(service) && !(verb === 'submits jobs' && target.type !== 'AWS::Batch::JobQueue');
}

/** The services (CloudFormation type namespaces) each verb acts on. */
const VERB_SERVICES: Readonly<Record<string, readonly string[]>> = {
  'publishes': ['sns'],
  'sends': ['sqs'],
  'writes': ['s3', 'dynamodb'],
  'reads': ['s3', 'dynamodb'],
  'starts': ['stepfunctions', 'appflow'],
  'invokes': ['lambda'],
  'submits jobs': ['batch'],
  'puts records': ['kinesisfirehose', 'kinesis'],
  'puts events': ['events'],
};

function actionVerbs(actions: readonly string[]): Array<[string, 'writes' | 'reads']> {
  const out = new Map<string, 'writes' | 'reads'>();
  for (const action of actions) {
    if (typeof action !== 'string' || action === '*') continue;
    const re = new RegExp(`^${action.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
    for (const [name, verb, direction] of ACTION_VERBS) if (re.test(name)) out.set(verb, direction);
  }
  return [...out.entries()];
}

/** The nodes that act as a role: functions, state machines, API integrations, job definitions, subscriptions, pipes. */
function usersOf(g: GraphBuilder, role: TemplateResource): string[] {
  const arn = role.attributes.Arn;
  const users = new Set<string>();
  const add = (r: TemplateResource | undefined) => {
    const n = g.node(r);
    if (n !== undefined) users.add(n);
  };
  for (const r of g.index.resources.values()) {
    const p = r.properties;
    switch (r.type) {
      case 'AWS::Lambda::Function': if (p.Role === arn) add(r); break;
      case 'AWS::StepFunctions::StateMachine': if (p.RoleArn === arn) add(r); break;
      case 'AWS::Pipes::Pipe': if (p.RoleArn === arn) add(r); break;
      case 'AWS::ApiGateway::Method': if (p.Integration?.Credentials === arn) add(g.find(p.RestApiId)); break;
      case 'AWS::ApiGatewayV2::Integration': if (p.CredentialsArn === arn) add(g.find(p.ApiId)); break;
      case 'AWS::Batch::JobDefinition': if (p.ContainerProperties?.JobRoleArn === arn) add(r); break;
      case 'AWS::SNS::Subscription': if (p.SubscriptionRoleArn === arn) add(g.find(p.TopicArn)); break;
      case 'AWS::Events::Rule': if (asList<any>(p.Targets).some(t => t?.RoleArn === arn)) add(r); break;
      default: break;
    }
  }
  return [...users];
}
