import { BrokerEngine } from './broker-options';

/** TCP ports each engine listens on (all TLS); the security group opens exactly these. */
export const ENGINE_PORTS: Record<BrokerEngine, Array<{ port: number; protocol: string }>> = {
  [BrokerEngine.ACTIVEMQ]: [
    { port: 61617, protocol: 'OpenWire' },
    { port: 5671, protocol: 'AMQP' },
    { port: 61614, protocol: 'STOMP' },
    { port: 8883, protocol: 'MQTT' },
    { port: 61619, protocol: 'WSS' },
    { port: 8162, protocol: 'ActiveMQ web console' },
  ],
  [BrokerEngine.RABBITMQ]: [
    { port: 5671, protocol: 'AMQPS' },
    { port: 443, protocol: 'RabbitMQ web console and management API' },
  ],
};

/** Engine versions Amazon MQ offers with automatic minor version upgrades (major.minor form). */
export const DEFAULT_ENGINE_VERSION: Record<BrokerEngine, string> = {
  [BrokerEngine.ACTIVEMQ]: '5.18',
  [BrokerEngine.RABBITMQ]: '3.13',
};
