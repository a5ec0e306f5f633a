package io.hedgestream.launcher;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The property names under which each service reads its bootstrap servers ({@code <service>.bootstrap.servers},
 * Kafka's own spelling), so one {@code --bootstrap-servers} option (or the demo's in-JVM broker) reaches all
 * of them.
 */
final class ServiceProperties {

  /** Engine: {@code EngineConfig}. */
  static final String ENGINE_BOOTSTRAP = "engine.bootstrap.servers";
  /** Feed: {@code FeedConfig}. */
  static final String FEED_BOOTSTRAP = "feed.bootstrap.servers";
  /** Gateway: {@code GatewayConfig}. */
  static final String GATEWAY_BOOTSTRAP = "gateway.bootstrap.servers";
  /** Monitor: {@code MonitorConfig}. */
  static final String MONITOR_BOOTSTRAP = "monitor.bootstrap.servers";

  private ServiceProperties() {}

  /** The properties that point every service at {@code servers}. */
  static Map<String, String> bootstrapServers(String servers) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(ENGINE_BOOTSTRAP, servers);
    p.put(FEED_BOOTSTRAP, servers);
    p.put(GATEWAY_BOOTSTRAP, servers);
    p.put(MONITOR_BOOTSTRAP, servers);
    return p;
  }
}
