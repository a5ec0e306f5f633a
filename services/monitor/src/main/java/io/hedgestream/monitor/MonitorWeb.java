package io.hedgestream.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hedgestream.metrics.Health;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The monitor's web server (Javalin): the dashboard page and its scripts from the jar (uPlot from its
 * WebJar: the page needs no network), JSON for the overview and each book, server-sent events that push
 * the overview within {@value #PUSH_MILLIS} ms of a change, and {@code /metrics} for Prometheus. With an
 * access token every request must carry it (header {@code Authorization: Bearer}, or once as
 * {@code ?token=}, which sets a cookie).
 */
final class MonitorWeb implements AutoCloseable {

  static final long PUSH_MILLIS = 100;
  private static final String COOKIE = "hedge_monitor_token";
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private final Javalin app;
  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "monitor-push");
    t.setDaemon(true);
    return t;
  });
  private long pushedVersion = -1;
  private long lastPushNanos;

  private MonitorWeb(Javalin app) {
    this.app = app;
  }

  /**
   * Starts serving {@code view} and {@code metrics}.
   *
   * @param status a one-line state of the monitor's consumer for the page's header
   * @param health the probes served at {@code /health/live} and {@code /health/ready}, without the token (they
   *     tell only up or down, and a platform's probe carries no secret)
   */
  static MonitorWeb start(MonitorConfig config, MonitorView view, MonitorMetrics metrics, Supplier<String> status,
      Health health) {
    Optional<byte[]> token = config.accessToken().map(t -> t.getBytes(StandardCharsets.UTF_8));
    MonitorWeb[] self = new MonitorWeb[1];
    Javalin app = Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      c.jetty.host = config.host();
      c.jetty.port = config.port();
      c.staticFiles.add(files -> {
        files.hostedPath = "/";
        files.directory = "/monitor";
        files.location = Location.CLASSPATH;
      });
      c.staticFiles.enableWebjars();
      token.ifPresent(expected -> c.routes.before(ctx -> {
        if (!ctx.path().startsWith("/health/")) {
          requireToken(ctx, expected);
        }
      }));
      c.routes.get(Health.LIVE_PATH, ctx -> probe(ctx, health.live()));
      c.routes.get(Health.READY_PATH, ctx -> probe(ctx, health.ready()));
      c.routes.get("/api/overview", ctx -> json(ctx, withStatus(view.overview(), status)));
      c.routes.get("/api/book/{book}", ctx -> found(ctx, view.book(ctx.pathParam("book"), config.chartPoints())));
      c.routes.get("/api/dead-letter/{topic}/{partition}/{offset}", ctx -> found(ctx, view.deadLetter(
          ctx.pathParam("topic") + "/" + ctx.pathParam("partition") + "/" + ctx.pathParam("offset"))));
      c.routes.get("/api/fallback/{id}", ctx -> found(ctx, view.fallback(ctx.pathParam("id"))));
      c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
          .result(metrics.scrape()));
      c.routes.sse("/events", client -> {
        client.keepAlive();
        self[0].clients.add(client);
        client.onClose(() -> self[0].clients.remove(client));
        client.sendEvent("overview", write(withStatus(view.overview(), status)));
      });
    });
    MonitorWeb web = new MonitorWeb(app);
    self[0] = web;
    app.start();
    web.pusher.scheduleWithFixedDelay(() -> web.push(view, status), PUSH_MILLIS, PUSH_MILLIS, TimeUnit.MILLISECONDS);
    return web;
  }

  /** The port the server listens on (the configured one, or the free port it was given for 0). */
  int port() {
    return app.port();
  }

  /** Browsers connected to the live feed now. */
  int clients() {
    return clients.size();
  }

  @Override
  public void close() {
    pusher.shutdownNow();
    clients.forEach(SseClient::close);
    app.stop();
  }

  /** Pushes the overview to every browser when the view changed, and at least every 5 s (a heartbeat). */
  private void push(MonitorView view, Supplier<String> status) {
    try {
      long version = view.version();
      long now = System.nanoTime();
      if (clients.isEmpty() || (version == pushedVersion && now - lastPushNanos < 5_000_000_000L)) {
        return;
      }
      String payload = write(withStatus(view.overview(), status));
      for (SseClient client : clients) {
        if (client.terminated()) {
          clients.remove(client);
        } else {
          client.sendEvent("overview", payload);
        }
      }
      pushedVersion = version;
      lastPushNanos = now;
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(MonitorWeb.class).warn("monitor: push failed: {}", e.toString());
    }
  }

  private static Map<String, Object> withStatus(Map<String, Object> overview, Supplier<String> status) {
    overview.put("status", status.get());
    overview.put("servedAt", System.currentTimeMillis());
    return overview;
  }

  private static void probe(Context ctx, Health.Check check) {
    ctx.status(check.up() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).contentType("application/json")
        .result(check.json("monitor"));
  }

  private static void requireToken(Context ctx, byte[] expected) {
    String given = null;
    String header = ctx.header("Authorization");
    if (header != null && header.startsWith("Bearer ")) {
      given = header.substring("Bearer ".length()).strip();
    } else if (ctx.queryParam("token") != null) {
      given = ctx.queryParam("token");
    } else {
      given = ctx.cookie(COOKIE);
    }
    if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
      ctx.status(HttpStatus.UNAUTHORIZED).result("this monitor needs its access token").skipRemainingHandlers();
      return;
    }
    if (ctx.queryParam("token") != null) {
      ctx.header("Set-Cookie", COOKIE + "=" + given + "; Path=/; HttpOnly; SameSite=Strict");
    }
  }

  private static void found(Context ctx, Optional<Map<String, Object>> body) {
    if (body.isPresent()) {
      json(ctx, body.get());
    } else {
      ctx.status(HttpStatus.NOT_FOUND).result("not held by this monitor (unknown, or older than what it keeps)");
    }
  }

  private static void json(Context ctx, Object body) {
    ctx.contentType("application/json").result(write(body));
  }

  private static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
