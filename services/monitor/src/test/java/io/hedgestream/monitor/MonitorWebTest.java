package io.hedgestream.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The web server without a cluster: pages, the token rule and the metrics exposition. */
class MonitorWebTest {

  static {
    // Before any Avro class loads: HedgeStream's decoding limits (see AvroLimits).
    io.hedgestream.schemas.AvroLimits.apply();
  }

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesThePageItsChartLibraryFromTheJarAndMetrics() throws Exception {
    try (MonitorService monitor = MonitorService.serve(config(Map.of()))) {
      assertThat(get(monitor.url(), null).body()).contains("<title>HedgeStream monitor</title>");
      HttpResponse<String> uplot = get(monitor.url() + "webjars/uplot/1.6.30/dist/uPlot.iife.min.js", null);
      assertThat(uplot.statusCode()).isEqualTo(200);
      assertThat(uplot.body()).contains("uPlot");
      assertThat(get(monitor.url() + "api/overview", null).body()).contains("\"status\":\"waiting for the cluster\"");
      assertThat(get(monitor.url() + "api/book/nope", null).statusCode()).isEqualTo(404);
      assertThat(get(monitor.url() + "metrics", null).body()).contains("hedgestream_hedge_orders_total",
          "jvm_memory_used_bytes");
    }
  }

  @Test
  void withATokenEveryRequestMustCarryIt() throws Exception {
    try (MonitorService monitor = MonitorService.serve(config(Map.of()).withToken("s3cret"))) {
      assertThat(get(monitor.url(), null).statusCode()).isEqualTo(401);
      assertThat(get(monitor.url() + "metrics", "wrong").statusCode()).isEqualTo(401);
      assertThat(get(monitor.url() + "metrics", "s3cret").statusCode()).isEqualTo(200);
      HttpResponse<String> viaQuery = get(monitor.url() + "?token=s3cret", null);
      assertThat(viaQuery.statusCode()).isEqualTo(200);
      assertThat(viaQuery.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c)
          .contains("HttpOnly", "SameSite=Strict"));
      // The probes tell only up or down, and a platform's probe carries no secret.
      assertThat(get(monitor.url() + "health/live", null).statusCode()).isEqualTo(200);
      assertThat(get(monitor.url() + "health/ready", null).statusCode()).isEqualTo(503);
      assertThat(get(monitor.url() + "health/../metrics", null).statusCode()).isNotEqualTo(200);
    }
  }

  @Test
  void probesAreLiveAtOnceAndNotReadyBeforeTheClusterIsRead() throws Exception {
    try (MonitorService monitor = MonitorService.serve(config(Map.of()))) {
      HttpResponse<String> live = get(monitor.url() + "health/live", null);
      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(live.body()).isEqualTo("{\"service\":\"monitor\",\"status\":\"UP\",\"detail\":"
          + "\"waiting for the cluster\"}");
      HttpResponse<String> ready = get(monitor.url() + "health/ready", null);
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("\"status\":\"DOWN\"", "waiting for the cluster");
    }
  }

  @Test
  void aMonitorReachableFromOtherMachinesNeedsAToken() {
    assertThatThrownBy(() -> config(Map.of("monitor.http.host", "0.0.0.0")))
        .hasMessageContaining("monitor.access-token-file");
    assertThat(MonitorConfig.from(props(Map.of("monitor.http.host", "0.0.0.0")),
        Map.of(MonitorConfig.TOKEN_ENV, "t")).accessToken()).hasValue("t");
  }

  private HttpResponse<String> get(String url, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static MonitorConfig config(Map<String, String> values) {
    Properties p = props(values);
    p.putIfAbsent("monitor.http.port", "0");
    return MonitorConfig.from(p, Map.of());
  }

  private static Properties props(Map<String, String> values) {
    Properties p = new Properties();
    p.putAll(values);
    return p;
  }
}
