export { ApiGatewayService } from './apigateway-service';
export { ApiHandle } from './handle';
export type { WebSocketClient } from './handle';
export type { ApiRequestInput, ApiResponse } from './request';
export type { SimCredentials } from './authorizers/iam';
export type { TrustedIssuer } from './authorizers/jwt';
export type { HttpBackend, HttpIntegrationRequest, HttpIntegrationResponse } from './gateway';
export type { ConnectInput } from './websocket/websocket-api';
