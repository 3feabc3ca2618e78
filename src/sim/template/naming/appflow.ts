import { physicalName } from './generated-name';
import { Namer } from './types';

/** AWS::AppFlow::Flow. Ref is the flow name (at most 256 characters); FlowArn is `...:flow/<name>`. */
export const appFlowFlow: Namer = input => {
  const name = physicalName(input, 'FlowName', { maxLength: 256 });
  return { ref: name, attributes: { FlowArn: `arn:${input.env.partition}:appflow:${input.env.region}:${input.env.account}:flow/${name}` } };
};

/** AWS::AppFlow::ConnectorProfile. Ref is the profile name; ConnectorProfileArn is `...:connectorprofile/<name>`. */
export const appFlowConnectorProfile: Namer = input => {
  const name = physicalName(input, 'ConnectorProfileName', { maxLength: 256 });
  const arn = `arn:${input.env.partition}:appflow:${input.env.region}:${input.env.account}:connectorprofile/${name}`;
  return { ref: name, attributes: { ConnectorProfileArn: arn, CredentialsArn: `${arn}/credentials` } };
};
