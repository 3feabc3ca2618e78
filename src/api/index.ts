export * from './api-throttle';
export * from './api-web-acl-options';
export * from './custom-domain';
export * from './rest-api-authorization';
export * from './secure-rest-api';
export * from './rest-api-to-lambda';
export * from './http-api-authorization';
export * from './http-api-to-lambda';
