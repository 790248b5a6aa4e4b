// MQTT ingestion with FIWARE IoT-agent topics: devices publish `/json/{apikey}/{device}/attrs` with a
// JSON object of attributes. Either an embedded aedes broker in this process (its publishes are read
// directly), or a subscription to an external broker (Mosquitto, EMQX…) by URL.
import { createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import type { Logger } from '../../../platform/log.ts';
import type { Ingestor } from './ingest.ts';

export const ATTRS_TOPIC = '/json/+/+/attrs';

/** The apikey and device of an attributes topic, or null for any other topic. */
export function parseAttrsTopic(topic: string): { apikey: string; device: string } | null {
  const parts = topic.split('/');
  if (parts.length !== 5 || parts[0] !== '' || parts[1] !== 'json' || parts[4] !== 'attrs') return null;
  const [, , apikey, device] = parts as [string, string, string, string, string];
  if (!apikey || !device) return null;
  return { apikey, device };
}

export interface SensorLink {
  /** the URL a device or the simulator publishes to */
  url: string;
  close(): Promise<void>;
}

export async function startEmbeddedBroker(
  port: number,
  host: string,
  ingestor: Ingestor,
  log: Logger,
): Promise<SensorLink> {
  const broker = await Aedes.createBroker();
  broker.on('publish', (packet, client) => {
    // Only what devices send: the broker's own $SYS messages have no client.
    if (!client) return;
    const target = parseAttrsTopic(packet.topic);
    if (target) ingestor.accept(target.apikey, target.device, packet.payload as Buffer);
  });
  const server: Server = createServer(broker.handle);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
  } catch (err) {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    throw err;
  }
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  log.info({ port: actual }, 'embedded MQTT broker listening');
  return {
    url: `mqtt://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${actual}`,
    close: async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function subscribeExternalBroker(
  url: string,
  ingestor: Ingestor,
  log: Logger,
): Promise<SensorLink> {
  const client = mqtt.connect(url, {
    clientId: `cqs-ingest-${process.pid}-${Date.now()}`,
    reconnectPeriod: 2000,
  });
  client.on('message', (topic, payload) => {
    const target = parseAttrsTopic(topic);
    if (target) ingestor.accept(target.apikey, target.device, payload);
  });
  client.on('error', (err) => log.warn({ err: err.message }, 'MQTT broker error'));
  client.on('connect', () => {
    // Subscribed again on every (re)connection; QoS 1 so the broker redelivers what we missed in flight.
    client.subscribe(ATTRS_TOPIC, { qos: 1 }, (err) => {
      if (err) log.warn({ err: err.message }, 'MQTT subscribe failed');
    });
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`MQTT broker ${url} not reachable`)), 10_000);
    client.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  // Wait for the subscription itself, so nothing published right after start is missed.
  await client.subscribeAsync(ATTRS_TOPIC, { qos: 1 });
  log.info({ url }, 'subscribed to the external MQTT broker');
  return { url, close: () => client.endAsync() };
}
