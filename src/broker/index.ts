export { BrokerEngine, BrokerDeploymentMode, MaintenanceDay, BrokerMaintenanceWindow } from './broker-options';
export * from './message-broker';
