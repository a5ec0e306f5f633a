package io.hedgestream.monitor;

import io.hedgestream.metrics.Health;
import java.time.Duration;
import java.util.Optional;

/**
 * The monitor: its view of the desk, the consumer that fills it, the web server and the metrics. The web
 * server can start before the cluster is there ({@link #serve}), so {@code hedge demo} prints the
 * dashboard's address first and attaches the topics once they exist ({@link #attach}).
 */
public final class MonitorService implements AutoCloseable {

  private final MonitorConfig config;
  private final MonitorView view;
  private final MonitorMetrics metrics;
  private final MonitorWeb web;
  private volatile MonitorConsumer consumer;

  private MonitorService(MonitorConfig config) {
    this.config = config;
    this.view = new MonitorView(config.seriesCapacity(), config.blotterRows());
    this.metrics = new MonitorMetrics(view);
    this.web = MonitorWeb.start(config, view, metrics, this::status, new Probes());
  }

  /** Starts the web server only; the view stays empty until {@link #attach}. */
  public static MonitorService serve(MonitorConfig config) {
    return new MonitorService(config);
  }

  /** Starts the web server and the consumer. */
  public static MonitorService start(MonitorConfig config) {
    MonitorService service = serve(config);
    try {
      service.attach(config.bootstrapServers());
      return service;
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
  }

  /** Starts reading the topics of {@code bootstrapServers} (once). */
  public synchronized void attach(String bootstrapServers) {
    if (consumer != null) {
      throw new IllegalStateException("the monitor already reads " + config.bootstrapServers());
    }
    consumer = MonitorConsumer.start(config.withBootstrapServers(bootstrapServers), view, metrics);
  }

  /** The dashboard's address. */
  public String url() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return "http://" + host + ":" + web.port() + "/";
  }

  /** The view (what the dashboard shows). */
  public MonitorView view() {
    return view;
  }

  /** Waits until the history the topics held at start is in the view. */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    MonitorConsumer c = consumer;
    return c != null && c.awaitCaughtUp(timeout);
  }

  /** Why the monitor's consumer stopped, if it did. */
  public Optional<Throwable> failure() {
    MonitorConsumer c = consumer;
    return c == null ? Optional.empty() : c.failure();
  }

  /** The Prometheus text exposition (as {@code /metrics} serves it). */
  public String scrape() {
    return metrics.scrape();
  }

  /** Browsers connected to the live feed. */
  public int liveClients() {
    return web.clients();
  }

  private String status() {
    MonitorConsumer c = consumer;
    if (c == null) {
      return "waiting for the cluster";
    }
    if (c.failure().isPresent()) {
      return "consumer stopped: " + c.failure().get();
    }
    return c.caughtUp() ? "live" : "rebuilding history";
  }

  /** Live unless the consumer stopped on an error; ready once attached and caught up with the topics' history. */
  private final class Probes implements Health {

    @Override
    public Check live() {
      return failure().map(e -> Check.down("consumer stopped: " + e)).orElse(Check.up(status()));
    }

    @Override
    public Check ready() {
      MonitorConsumer c = consumer;
      return c != null && c.caughtUp() && c.failure().isEmpty() ? Check.up(status()) : Check.down(status());
    }
  }

  @Override
  public void close() {
    MonitorConsumer c = consumer;
    if (c != null) {
      c.close();
    }
    web.close();
    metrics.close();
  }
}
