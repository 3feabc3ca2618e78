import { SimEnvironment } from '../runtime';
import { NO_VALUE } from './context';

/** The values of the AWS:: pseudo parameters for a stack in `env`. */
export function pseudoParameter(name: string, env: SimEnvironment): unknown {
  switch (name) {
    case 'AWS::AccountId': return env.account;
    case 'AWS::Region': return env.region;
    case 'AWS::Partition': return env.partition;
    case 'AWS::URLSuffix': return env.urlSuffix;
    case 'AWS::StackName': return env.stackName;
    case 'AWS::StackId': return env.stackId;
    case 'AWS::NoValue': return NO_VALUE;
    // The stack is created without notification ARNs.
    case 'AWS::NotificationARNs': return [];
    default: return undefined;
  }
}

export function isPseudoParameter(name: string): boolean {
  return name.startsWith('AWS::') && (pseudoParameter(name, PROBE_ENV) !== undefined);
}

const PROBE_ENV: SimEnvironment = { account: '', region: '', partition: '', urlSuffix: '', stackName: '', stackId: '' };
