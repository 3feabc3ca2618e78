/**
 * Step Functions: an edge from the state machine to each service its Task states call, labelled with the state names.
 * The definition is parsed (Definition, or DefinitionString with its DefinitionSubstitutions) and walked through
 * Parallel branches and Map processors. A Task's `Resource` names the integration (`arn:aws:states:::sqs:sendMessage`,
 * `...:lambda:invoke.waitForTaskToken`, `...:aws-sdk:dynamodb:putItem`, or a function ARN); its Parameters (JSONPath)
 * or Arguments (JSONata) name the target resource. A call whose target is not in the template (it comes from the
 * state input) goes to an external node for the service.
 */
import type { GraphBuilder } from './builder';
import { asList, EdgeExtractor, jsonObject, stringsIn } from './extractor';
import { parseArn } from '../../kernel/arn';

export const stepFunctionsExtractor: EdgeExtractor = {
  types: ['AWS::StepFunctions::StateMachine'],
  extract(r, g) {
    const definition = definitionOf(r.properties);
    if (!definition) return;
    const machine = g.node(r);
    for (const task of tasksOf(definition)) {
      const { target, pattern } = taskTarget(g, task.resource, task.parameters);
      g.edge(machine, target, 'flow', `${task.name}${pattern}`);
    }
  },
};

interface TaskState {
  readonly name: string;
  readonly resource: string;
  readonly parameters: unknown;
}

function definitionOf(p: any): any {
  if (p.Definition && typeof p.Definition === 'object') return p.Definition;
  if (typeof p.DefinitionString !== 'string') return undefined;
  let text: string = p.DefinitionString;
  for (const [key, value] of Object.entries<unknown>(p.DefinitionSubstitutions ?? {})) {
    text = text.split(`\${${key}}`).join(typeof value === 'string' ? value : JSON.stringify(value));
  }
  return jsonObject(text);
}

/** Every Task state, in every branch and Map processor. */
export function tasksOf(definition: any): TaskState[] {
  const out: TaskState[] = [];
  const walk = (states: any) => {
    for (const [name, state] of Object.entries<any>(states ?? {})) {
      if (state?.Type === 'Task' && typeof state.Resource === 'string') {
        out.push({ name, resource: state.Resource, parameters: state.Parameters ?? state.Arguments });
      }
      for (const branch of asList<any>(state?.Branches)) walk(branch?.States);
      walk(state?.Iterator?.States);
      walk(state?.ItemProcessor?.States);
    }
  };
  walk(definition?.States);
  return out;
}

function taskTarget(g: GraphBuilder, resource: string, parameters: unknown): { target: string | undefined; pattern: string } {
  const arn = parseArn(resource);
  if (arn?.service === 'lambda') return { target: g.nodeOf(resource), pattern: '' };
  if (arn?.service === 'states' && arn.resourceType === 'activity') {
    return { target: g.external(`activity_${arn.resourceName}`, arn.resourceName, 'activity worker'), pattern: '' };
  }
  // arn:aws:states:::<service>:<action>[.sync|.sync:2|.waitForTaskToken], or aws-sdk:<service>:<action>
  const integration = arn?.service === 'states' ? arn.resource : resource;
  const [first, second] = integration.split(':');
  const service = first === 'aws-sdk' ? second : first;
  const pattern = integration.endsWith('.waitForTaskToken') ? ' (task token)' : /\.sync(:\d+)?$/.test(integration) ? ' (.sync)' : '';
  for (const s of stringsIn(parameters)) {
    const node = g.nodeOf(s.value);
    if (node !== undefined) return { target: node, pattern };
  }
  return { target: g.external(`service_${service}`, service ?? 'service', 'AWS service'), pattern };
}
