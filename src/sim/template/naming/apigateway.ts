/**
 * API Gateway (REST: AWS::ApiGateway::*, HTTP and WebSocket: AWS::ApiGatewayV2::*) and WAFv2: what `Ref` and
 * `Fn::GetAtt` return, as the CloudFormation resource reference documents it. API Gateway ids are 10 lower-case
 * letters and digits (REST API, API key) or 6 (resources, deployments, authorizers, plans, validators); a stage's Ref
 * is its name, which is what usage-plan stage bindings, WAF associations and permission source ARNs are built from.
 */
import { physicalName } from './generated-name';
import { Namer, NamingInput } from './types';

/** A service-assigned id of `length` lower-case letters and digits. */
function apiId(input: NamingInput, length: number): string {
  return input.ids.suffix(length).toLowerCase();
}

function idNamer(length: number, attribute?: string): Namer {
  return input => {
    const id = apiId(input, length);
    return { ref: id, attributes: attribute ? { [attribute]: id } : {} };
  };
}

/** AWS::ApiGateway::RestApi: Ref is the API id; RootResourceId the id of its `/` resource. */
export const apiGatewayRestApi: Namer = input => {
  const id = apiId(input, 10);
  return { ref: id, attributes: { RestApiId: id, RootResourceId: apiId(input, 10) } };
};

/** AWS::ApiGateway::Stage and AWS::ApiGatewayV2::Stage: Ref is the stage name. */
export const apiGatewayStage: Namer = input => ({ ref: String(input.properties.StageName ?? input.logicalId), attributes: {} });

/** AWS::ApiGateway::Model: Ref is the model name (generated when not given). */
export const apiGatewayModel: Namer = input => ({ ref: physicalName(input, 'Name', { maxLength: 128 }).replace(/[^A-Za-z0-9]/g, ''), attributes: {} });

export const apiGatewayResource = idNamer(10, 'ResourceId');
export const apiGatewayDeployment = idNamer(6, 'DeploymentId');
export const apiGatewayAuthorizer = idNamer(6, 'AuthorizerId');
export const apiGatewayRequestValidator = idNamer(6, 'RequestValidatorId');
export const apiGatewayApiKey = idNamer(10, 'APIKeyId');
export const apiGatewayUsagePlan = idNamer(6, 'Id');
export const apiGatewayUsagePlanKey = idNamer(10, 'Id');
export const apiGatewayMethod = idNamer(6);
export const apiGatewayGatewayResponse = idNamer(6);

/** AWS::ApiGatewayV2::Api: Ref is the API id; ApiEndpoint `https://{id}.execute-api.{region}.{suffix}` (wss:// for WebSocket). */
export const apiGatewayV2Api: Namer = input => {
  const id = apiId(input, 10);
  const scheme = String(input.properties.ProtocolType ?? 'HTTP').toUpperCase() === 'WEBSOCKET' ? 'wss' : 'https';
  return { ref: id, attributes: { ApiId: id, ApiEndpoint: `${scheme}://${id}.execute-api.${input.env.region}.${input.env.urlSuffix}` } };
};

export const apiGatewayV2Route = idNamer(6, 'RouteId');
export const apiGatewayV2Integration = idNamer(6, 'IntegrationId');
export const apiGatewayV2Authorizer = idNamer(6, 'AuthorizerId');
export const apiGatewayV2RouteResponse = idNamer(6, 'RouteResponseId');
export const apiGatewayV2Deployment = idNamer(6, 'DeploymentId');
export const apiGatewayV2IntegrationResponse = idNamer(6, 'IntegrationResponseId');

/**
 * AWS::WAFv2::WebACL: Ref is `name|id|scope`; Arn `arn:...:wafv2:{region}:{account}:{regional|global}/webacl/{name}/{id}`.
 */
export const wafv2WebAcl: Namer = input => {
  const { env } = input;
  const name = physicalName(input, 'Name', { maxLength: 128 });
  const id = [8, 4, 4, 4, 12].map(n => input.ids.hex(n)).join('-');
  const scope = String(input.properties.Scope ?? 'REGIONAL').toUpperCase();
  const arn = `arn:${env.partition}:wafv2:${env.region}:${env.account}:${scope === 'CLOUDFRONT' ? 'global' : 'regional'}/webacl/${name}/${id}`;
  return { ref: `${name}|${id}|${scope}`, attributes: { Arn: arn, Id: id, LabelNamespace: `awswaf:${env.account}:webacl:${name}:` } };
};

/**
 * AWS::Cognito::UserPool: Ref is the pool id `{region}_{9 characters}`; ProviderURL is the token issuer
 * `https://cognito-idp.{region}.amazonaws.com/{id}` that Cognito authorizers check.
 */
export const cognitoUserPool: Namer = input => {
  const { env } = input;
  const id = `${env.region}_${input.ids.token(9).replace(/[^A-Za-z0-9]/g, 'x')}`;
  const provider = `cognito-idp.${env.region}.${env.urlSuffix}/${id}`;
  return {
    ref: id,
    attributes: {
      UserPoolId: id,
      Arn: `arn:${env.partition}:cognito-idp:${env.region}:${env.account}:userpool/${id}`,
      ProviderName: provider,
      ProviderURL: `https://${provider}`,
    },
  };
};

/** AWS::Cognito::UserPoolClient: Ref is the client id (26 lower-case letters and digits). */
export const cognitoUserPoolClient: Namer = input => {
  const id = apiId(input, 26);
  return { ref: id, attributes: { ClientId: id, Name: String(input.properties.ClientName ?? input.logicalId) } };
};
