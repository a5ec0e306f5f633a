package io.hedgestream.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hedgestream.config.SettingsReader;
import io.micrometer.core.instrument.Counter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ServiceMetricsTest {

  @Test
  void servesTheRegistryAsPrometheusTextTaggedWithTheService() throws Exception {
    try (ServiceMetrics metrics = ServiceMetrics.start("feed", new ServiceMetrics.Settings("127.0.0.1", 0))) {
      Counter.builder("hedgestream.feed.ticks").register(metrics.registry()).increment(3);
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(metrics.url().orElseThrow())).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue(ServiceMetrics.CONTENT_TYPE);
      assertThat(response.body()).contains("hedgestream_feed_ticks_total{service=\"feed\"} 3.0",
          "jvm_memory_used_bytes");
    }
  }

  @Test
  void healthProbesAnswerWhatTheServiceSaysWith200Or503() throws Exception {
    try (ServiceMetrics metrics = ServiceMetrics.start("engine", new ServiceMetrics.Settings("127.0.0.1", 0))) {
      String base = metrics.url().orElseThrow().replace("/metrics", "");
      assertThat(get(base + "/health/live")).isEqualTo("200 {\"service\":\"engine\",\"status\":\"UP\",\"detail\":\"starting\"}");
      assertThat(get(base + "/health/ready")).isEqualTo("503 {\"service\":\"engine\",\"status\":\"DOWN\",\"detail\":\"starting\"}");

      String[] state = {"RUNNING"};
      metrics.health(new Health() {
        @Override
        public Health.Check live() {
          return state[0].equals("ERROR") ? Health.Check.down(state[0]) : Health.Check.up(state[0]);
        }

        @Override
        public Health.Check ready() {
          if (state[0].equals("BROKEN")) {
            throw new IllegalStateException("no \"state\"");
          }
          return state[0].equals("RUNNING") ? Health.Check.up(state[0]) : Health.Check.down(state[0]);
        }
      });
      assertThat(get(base + "/health/ready")).startsWith("200 ").contains("\"detail\":\"RUNNING\"");
      state[0] = "REBALANCING";
      assertThat(get(base + "/health/live")).startsWith("200 ");
      assertThat(get(base + "/health/ready")).startsWith("503 ").contains("REBALANCING");
      state[0] = "ERROR";
      assertThat(get(base + "/health/live")).startsWith("503 ").contains("\"status\":\"DOWN\"");
      state[0] = "BROKEN";
      assertThat(get(base + "/health/ready")).startsWith("503 ")
          .contains("health check failed: java.lang.IllegalStateException: no \\\"state\\\"");
    }
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }

  @Test
  void portMinusOneServesNothingAndATakenPortIsAClearError() throws Exception {
    try (ServiceMetrics off = ServiceMetrics.start("engine", ServiceMetrics.Settings.OFF)) {
      assertThat(off.url()).isEmpty();
      assertThat(off.scrape()).contains("service=\"engine\"");
    }
    try (ServiceMetrics first = ServiceMetrics.start("engine", new ServiceMetrics.Settings("127.0.0.1", 0))) {
      int port = URI.create(first.url().orElseThrow()).getPort();
      assertThatThrownBy(() -> ServiceMetrics.start("gateway", new ServiceMetrics.Settings("127.0.0.1", port)))
          .hasMessageContaining("cannot serve metrics on");
    }
  }

  @Test
  void settingsAreReadUnderTheServicesPrefix() {
    Properties p = new Properties();
    p.setProperty("gateway.metrics.port", "9402");
    SettingsReader in = new SettingsReader(p, "gateway.");
    ServiceMetrics.Settings settings = ServiceMetrics.Settings.from(in, "gateway.", -1);
    in.throwIfInvalid("gateway");
    assertThat(settings).isEqualTo(new ServiceMetrics.Settings("127.0.0.1", 9402));
  }
}
