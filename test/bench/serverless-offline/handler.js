// The handlers of the API Gateway benchmark, shared by every contender: the simulator registers them with
// sim.lambda(...).handle(...), serverless-offline runs this file, the plain HTTP server calls them directly.
exports.orders = async event => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ ok: true, path: event.path, principal: event.requestContext && event.requestContext.authorizer && event.requestContext.authorizer.principalId }),
});

exports.authorizer = async event => ({
  principalId: 'user-1',
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${event.methodArn.split('/').slice(0, 2).join('/')}/*` }],
  },
});
