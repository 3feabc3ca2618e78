/** The Amazon MQ broker engine. */
export enum BrokerEngine {
  /** Apache ActiveMQ Classic: JMS, OpenWire, AMQP 1.0, STOMP, MQTT, WSS. */
  ACTIVEMQ = 'ACTIVEMQ',
  /** RabbitMQ: AMQP 0-9-1 over TLS. */
  RABBITMQ = 'RABBITMQ',
}

/** How the broker is deployed across Availability Zones. */
export enum BrokerDeploymentMode {
  /** One broker in one AZ: for development and tests only (no failover). */
  SINGLE_INSTANCE = 'SINGLE_INSTANCE',
  /** ActiveMQ only: an active and a standby broker in two AZs sharing durable storage, with automatic failover. */
  ACTIVE_STANDBY_MULTI_AZ = 'ACTIVE_STANDBY_MULTI_AZ',
  /** RabbitMQ only: a three-node cluster across AZs behind a Network Load Balancer. */
  CLUSTER_MULTI_AZ = 'CLUSTER_MULTI_AZ',
}

/** Day of the weekly maintenance window. */
export enum MaintenanceDay {
  MONDAY = 'MONDAY',
  TUESDAY = 'TUESDAY',
  WEDNESDAY = 'WEDNESDAY',
  THURSDAY = 'THURSDAY',
  FRIDAY = 'FRIDAY',
  SATURDAY = 'SATURDAY',
  SUNDAY = 'SUNDAY',
}

/** The weekly window in which Amazon MQ applies patches and automatic minor version upgrades. */
export interface BrokerMaintenanceWindow {
  /** Day of the week. */
  readonly dayOfWeek: MaintenanceDay;
  /**
   * Start time in 24-hour `HH:MM` format.
   */
  readonly timeOfDay: string;
  /**
   * Time zone, as a UTC offset or a tz database name (for example `UTC`, `Europe/Berlin`).
   * @default 'UTC'
   */
  readonly timeZone?: string;
}
