package io.hedgestream.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broker properties of the embedded single-node KRaft broker: loopback-only listeners on free ports,
 * single-replica internal topics, and small thread pools and buffers sized for a laptop or CI runner.
 *
 * @param bootstrapServers the client listener, {@code 127.0.0.1:port}
 * @param properties the full broker configuration
 */
record BrokerSettings(String bootstrapServers, Map<String, String> properties) {

  private static final String HOST = "127.0.0.1";

  /** Picks two free loopback ports (client and controller) and builds the configuration around them. */
  static BrokerSettings onFreePorts(int nodeId, String controllerListener, Path logDir) {
    int brokerPort = freePort();
    int controllerPort = freePort();
    while (controllerPort == brokerPort) {
      controllerPort = freePort();
    }
    return onPorts(nodeId, controllerListener, logDir, HOST, brokerPort, controllerPort);
  }

  /**
   * The configuration of a broker listening for clients on {@code host:brokerPort} and for its controller on
   * {@code host:controllerPort}: fixed ports, so clients reconnect to a restarted broker.
   */
  static BrokerSettings onPorts(int nodeId, String controllerListener, Path logDir, String host, int brokerPort,
      int controllerPort) {
    if (brokerPort == controllerPort) {
      throw new IllegalArgumentException("the client and controller ports must differ, both are " + brokerPort);
    }
    String bootstrap = host + ":" + brokerPort;
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(nodeId));
    p.put("controller.quorum.voters", nodeId + "@" + host + ":" + controllerPort);
    p.put("controller.listener.names", controllerListener);
    p.put("listeners", "PLAINTEXT://" + bootstrap + "," + controllerListener + "://" + host + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + bootstrap);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + controllerListener + ":PLAINTEXT");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    p.putAll(singleNodeDefaults());
    return new BrokerSettings(bootstrap, Map.copyOf(p));
  }

  /** Settings that make one node a complete cluster and keep its footprint small. */
  private static Map<String, String> singleNodeDefaults() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("num.partitions", "1");
    // Consumer groups and Streams apps start consuming at once instead of waiting 3 s for more members.
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("background.threads", "2");
    p.put("num.recovery.threads.per.data.dir", "1");
    p.put("log.cleaner.threads", "1");
    // Compacted Streams changelogs still get cleaned, with a 4 MB map instead of the default 128 MB.
    p.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
    p.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
    return p;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on " + HOST, e);
    }
  }
}
