package io.hedgestream.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hedgestream.config.SettingsReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * A service's Prometheus metrics: a Micrometer registry tagged {@code service=<name>} with the JVM's
 * metrics, the service's Kafka clients (Micrometer's Kafka binders) and its own meters, served as text at
 * {@code http://<host>:<port>/metrics}, with the service's {@link Health} at {@code /health/live} and
 * {@code /health/ready} on the same port (the probes of a platform such as Kubernetes). Settings:
 * {@code <service>.metrics.port} (0: any free port, -1: no endpoint) and {@code <service>.metrics.host}
 * ({@code 127.0.0.1} unless configured).
 */
public final class ServiceMetrics implements AutoCloseable {

  /** The content type of the Prometheus text format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<AutoCloseable> binders = new ArrayList<>();
  private final String service;
  private final HttpServer server;
  private volatile Health health = Health.STARTING;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  private ServiceMetrics(String service, Optional<InetSocketAddress> address) {
    this.service = service;
    registry.config().commonTags("service", service);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    binders.add(gc);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    this.server = address.map(this::serve).orElse(null);
  }

  /** A registry without an endpoint (tests, and services whose endpoint is off). */
  public static ServiceMetrics unserved(String service) {
    return new ServiceMetrics(service, Optional.empty());
  }

  /** The registry and its endpoint as {@code <service>.metrics.*} configures them. */
  public static ServiceMetrics start(String service, Settings settings) {
    return new ServiceMetrics(service, settings.port() < 0 ? Optional.empty()
        : Optional.of(new InetSocketAddress(settings.host(), settings.port())));
  }

  /** The registry the service's meters go in. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Exports a Kafka producer's or consumer's own metrics (closed with this). */
  public void bind(Producer<?, ?> producer) {
    KafkaClientMetrics m = new KafkaClientMetrics(producer);
    m.bindTo(registry);
    binders.add(m);
  }

  /** Exports a Kafka consumer's own metrics, its lag included (closed with this). */
  public void bind(Consumer<?, ?> consumer) {
    KafkaClientMetrics m = new KafkaClientMetrics(consumer);
    m.bindTo(registry);
    binders.add(m);
  }

  /** Closes {@code binder} (a Micrometer binder the service made) with this. */
  public void closeWith(AutoCloseable binder) {
    binders.add(binder);
  }

  /** What {@code /health/live} and {@code /health/ready} report from now on (until then: starting). */
  public void health(Health health) {
    this.health = health;
  }

  /** The health the endpoints report now. */
  public Health health() {
    return health;
  }

  /** The text exposition, as the endpoint serves it. */
  public String scrape() {
    return registry.scrape();
  }

  /** The endpoint's address, when it serves one. */
  public Optional<String> url() {
    if (server == null) {
      return Optional.empty();
    }
    InetSocketAddress at = server.getAddress();
    String host = at.getHostString().contains(":") ? "[" + at.getHostString() + "]" : at.getHostString();
    return Optional.of("http://" + host + ":" + at.getPort() + "/metrics");
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (server != null) {
      server.stop(0);
    }
    for (AutoCloseable binder : binders) {
      try {
        binder.close();
      } catch (Exception e) {
        // Closing a binder only unregisters listeners: nothing to recover.
      }
    }
    registry.close();
  }

  private HttpServer serve(InetSocketAddress address) {
    try {
      HttpServer http = HttpServer.create(address, 0);
      http.createContext("/metrics", exchange -> {
        try (exchange) {
          respond(exchange, 200, CONTENT_TYPE, scrape());
        }
      });
      http.createContext(Health.LIVE_PATH, exchange -> {
        try (exchange) {
          respond(exchange, probe(health::live));
        }
      });
      http.createContext(Health.READY_PATH, exchange -> {
        try (exchange) {
          respond(exchange, probe(health::ready));
        }
      });
      http.setExecutor(Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "metrics-http");
        t.setDaemon(true);
        return t;
      }));
      http.start();
      return http;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve metrics on " + address + ": " + e.getMessage(), e);
    }
  }

  /** A probe's answer; a health check that throws is a failing probe, not a broken endpoint. */
  private static Health.Check probe(java.util.function.Supplier<Health.Check> check) {
    try {
      return check.get();
    } catch (RuntimeException e) {
      return Health.Check.down("health check failed: " + e);
    }
  }

  private void respond(HttpExchange exchange, Health.Check check) throws IOException {
    respond(exchange, check.up() ? 200 : 503, "application/json", check.json(service));
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /**
   * Where a service serves its metrics.
   *
   * @param host the address to bind
   * @param port the port; 0 any free port, -1 none
   */
  public record Settings(String host, int port) {

    /** No endpoint. */
    public static final Settings OFF = new Settings("127.0.0.1", -1);

    /** {@code <prefix>metrics.host} and {@code <prefix>metrics.port} (default {@code defaultPort}). */
    public static Settings from(SettingsReader in, String prefix, int defaultPort) {
      return new Settings(in.text(prefix + "metrics.host", "127.0.0.1"),
          (int) in.integer(prefix + "metrics.port", defaultPort, -1, 65_535));
    }
  }
}
