/**
 * AWS Lambda on the wire (restJson1): Invoke as the Lambda API reference binds it — the payload is the raw request
 * body, the invocation type, log type and client context travel in `X-Amz-*` headers, the answer's status code is the
 * invocation's (200, 202 for Event, 204 for DryRun) and the function error is in `X-Amz-Function-Error`.
 */
import { notSimulatedRest } from '../protocols/operation';
import { blob, integer, member, string, struct } from '../protocols/shapes';
import { WireService } from '../types';

const header = (name: string) => member(string, { name, location: 'header' });

export const LAMBDA_WIRE: WireService = {
  namespace: 'lambda',
  title: 'AWS Lambda',
  signingName: 'lambda',
  hostPattern: /^lambda\./,
  auth: 'rest-json',
  rest: 'json',
  operations: {
    Invoke: {
      http: { method: 'POST', path: '/2015-03-31/functions/{FunctionName}/invocations' },
      input: struct({
        FunctionName: member(string, { location: 'label' }),
        InvocationType: header('X-Amz-Invocation-Type'),
        LogType: header('X-Amz-Log-Type'),
        ClientContext: header('X-Amz-Client-Context'),
        Qualifier: member(string, { location: 'query' }),
        Payload: member(blob, { location: 'payload' }),
      }),
      output: struct({
        StatusCode: member(integer, { location: 'status' }),
        FunctionError: header('X-Amz-Function-Error'),
        LogResult: header('X-Amz-Log-Result'),
        ExecutedVersion: header('X-Amz-Executed-Version'),
        Payload: member(blob, { location: 'payload' }),
      }),
    },
    ...notSimulatedRest([
      ['ListFunctions', 'GET', '/2015-03-31/functions'],
      ['CreateFunction', 'POST', '/2015-03-31/functions'],
      ['GetFunction', 'GET', '/2015-03-31/functions/{FunctionName}'],
      ['DeleteFunction', 'DELETE', '/2015-03-31/functions/{FunctionName}'],
      ['GetFunctionConfiguration', 'GET', '/2015-03-31/functions/{FunctionName}/configuration'],
      ['UpdateFunctionConfiguration', 'PUT', '/2015-03-31/functions/{FunctionName}/configuration'],
      ['UpdateFunctionCode', 'PUT', '/2015-03-31/functions/{FunctionName}/code'],
      ['GetPolicy', 'GET', '/2015-03-31/functions/{FunctionName}/policy'],
      ['AddPermission', 'POST', '/2015-03-31/functions/{FunctionName}/policy'],
      ['ListEventSourceMappings', 'GET', '/2015-03-31/event-source-mappings'],
      ['CreateEventSourceMapping', 'POST', '/2015-03-31/event-source-mappings'],
      ['InvokeAsync', 'POST', '/2014-11-13/functions/{FunctionName}/invoke-async'],
    ]),
  },
};
