/**
 * The API Gateway management API (restJson1, signing name `execute-api`): PostToConnection, GetConnection and
 * DeleteConnection on `https://<api-id>.execute-api.<region>.amazonaws.com/<stage>/@connections/<id>`, which WebSocket
 * backends call to reach their clients. The wire layer strips the stage and passes `ApiId` and `Stage` (from the host
 * or the `/_aws/execute-api/<api-id>/<stage>` path) with the SDK input, so the API Gateway simulator knows which API's
 * connection is meant.
 */
import { blob, member, string, struct, timestamp } from '../protocols/shapes';
import { WireService } from '../types';

const connection = member(string, { location: 'label' });

export const EXECUTE_API_WIRE: WireService = {
  namespace: 'execute-api',
  title: 'Amazon API Gateway (management API)',
  signingName: 'execute-api',
  auth: 'rest-json',
  rest: 'json',
  operations: {
    PostToConnection: {
      http: { method: 'POST', path: '/@connections/{ConnectionId}' },
      input: struct({ ConnectionId: connection, Data: member(blob, { location: 'payload' }) }),
      output: struct({}),
    },
    GetConnection: {
      http: { method: 'GET', path: '/@connections/{ConnectionId}' },
      input: struct({ ConnectionId: connection }),
      output: struct({
        ConnectedAt: member(timestamp('date-time'), { jsonName: 'connectedAt' }),
        Identity: member(struct({ SourceIp: member(string, { jsonName: 'sourceIp' }), UserAgent: member(string, { jsonName: 'userAgent' }) }),
          { jsonName: 'identity' }),
        LastActiveAt: member(timestamp('date-time'), { jsonName: 'lastActiveAt' }),
      }),
    },
    DeleteConnection: {
      http: { method: 'DELETE', path: '/@connections/{ConnectionId}', status: 204 },
      input: struct({ ConnectionId: connection }),
      output: struct({}),
    },
  },
};
