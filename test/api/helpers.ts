import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { acknowledgeRules } from '../../src/core/nag';

/**
 * The user's function in tests: a plain Function with inline code. Rules about the user's own function (not about
 * the API constructs under test) are acknowledged on it here, never in the constructs.
 */
export function testHandler(scope: Construct, id = 'Handler'): lambda.Function {
  const fn = new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "ok" });'),
  });
  acknowledgeRules(fn, USER_FUNCTION_ACKNOWLEDGEMENTS);
  return fn;
}

const USER_FUNCTION_ACKNOWLEDGEMENTS = [
  { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: 'test function: logging policy of the user\'s function' },
  ...['NIST.800.53.R5', 'HIPAA.Security'].flatMap(pack => [
    { id: `${pack}-LambdaConcurrency`, reason: 'test function: concurrency of the user\'s function' },
    { id: `${pack}-LambdaDLQ`, reason: 'test function: invoked synchronously by API Gateway, a DLQ never receives anything' },
  ]),
  ...['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'].flatMap(pack => [
    { id: `${pack}-LambdaInsideVPC`, reason: 'test function: networking of the user\'s function' },
    // Only with the cdk init flag @aws-cdk/aws-lambda:useCdkManagedLogGroup, which gives the function a log group resource.
    { id: `${pack}-CloudWatchLogGroupEncrypted`, reason: 'test function: log group of the user\'s function' },
  ]),
];
