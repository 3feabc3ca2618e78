import * as apigw from 'aws-cdk-lib/aws-apigateway';

/**
 * JSON access log formats (one JSON object per request, so CloudWatch Logs Insights can query fields). Every value
 * is quoted: API Gateway writes `-` for a missing value, which would break unquoted numbers.
 */
export class AccessLogFormats {
  /** REST APIs: who called, what they called, how it ended, and why it failed (authorizer, WAF, integration). */
  public static restApi(): apigw.AccessLogFormat {
    return AccessLogFormats.json({
      requestId: '$context.requestId',
      extendedRequestId: '$context.extendedRequestId',
      requestTime: '$context.requestTime',
      sourceIp: '$context.identity.sourceIp',
      userAgent: '$context.identity.userAgent',
      caller: '$context.identity.caller',
      user: '$context.identity.user',
      apiKeyId: '$context.identity.apiKeyId',
      httpMethod: '$context.httpMethod',
      resourcePath: '$context.resourcePath',
      path: '$context.path',
      protocol: '$context.protocol',
      status: '$context.status',
      responseLength: '$context.responseLength',
      responseLatency: '$context.responseLatency',
      integrationStatus: '$context.integration.status',
      integrationLatency: '$context.integration.latency',
      integrationError: '$context.integration.error',
      authorizerError: '$context.authorizer.error',
      wafResponseCode: '$context.wafResponseCode',
      errorMessage: '$context.error.message',
      validationError: '$context.error.validationErrorString',
      xrayTraceId: '$context.xrayTraceId',
    });
  }

  /** HTTP APIs (their $context variables differ from REST APIs'). */
  public static httpApi(): apigw.AccessLogFormat {
    return AccessLogFormats.json({
      requestId: '$context.requestId',
      extendedRequestId: '$context.extendedRequestId',
      requestTime: '$context.requestTime',
      sourceIp: '$context.identity.sourceIp',
      userAgent: '$context.identity.userAgent',
      httpMethod: '$context.httpMethod',
      routeKey: '$context.routeKey',
      path: '$context.path',
      protocol: '$context.protocol',
      status: '$context.status',
      responseLength: '$context.responseLength',
      responseLatency: '$context.responseLatency',
      integrationStatus: '$context.integrationStatus',
      integrationLatency: '$context.integrationLatency',
      integrationError: '$context.integrationErrorMessage',
      authorizerError: '$context.authorizer.error',
      errorMessage: '$context.error.message',
    });
  }

  /** WebSocket APIs: one line per connect, message and disconnect. */
  public static webSocketApi(): apigw.AccessLogFormat {
    return AccessLogFormats.json({
      requestId: '$context.requestId',
      extendedRequestId: '$context.extendedRequestId',
      requestTime: '$context.requestTime',
      connectionId: '$context.connectionId',
      eventType: '$context.eventType',
      routeKey: '$context.routeKey',
      messageId: '$context.messageId',
      sourceIp: '$context.identity.sourceIp',
      status: '$context.status',
      integrationStatus: '$context.integrationStatus',
      integrationLatency: '$context.integrationLatency',
      integrationError: '$context.integration.error',
      authorizerError: '$context.authorizer.error',
      errorMessage: '$context.error.message',
    });
  }

  private static json(fields: Record<string, string>): apigw.AccessLogFormat {
    return apigw.AccessLogFormat.custom(JSON.stringify(fields));
  }

  private constructor() {}
}
