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
