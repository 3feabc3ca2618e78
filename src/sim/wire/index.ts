export { Wire, IN_PROCESS_HOST } from './wire';
export type { ClientConfigOptions, SimClientConfig, SimInProcessClientConfig, SimServer } from './wire';
export type { ListenOptions } from './http-server';
export type { SimCredentials } from './auth/credentials';
export type { SimRequestHandler, SdkHttpRequest, SdkHttpResponse } from './in-process';
export type { IamMode, WireRequest, WireResponse, WireService, Connection } from './types';
export type { ApiInvokeRequest, ApiInvokeResponse, ExecuteApiEndpoint } from './api-invoke';
export { WireEndpoint, ANONYMOUS_PRINCIPAL } from './endpoint';
