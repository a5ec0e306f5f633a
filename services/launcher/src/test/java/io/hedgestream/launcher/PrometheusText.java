package io.hedgestream.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Parses a Prometheus text exposition with the Prometheus client library's own parser
 * ({@code prometheus_client.parser}, Debian's python3-prometheus-client, which {@code ./hedge test} installs):
 * the test checks what Prometheus would read, not what our own reader would.
 */
final class PrometheusText {

  private static final String PARSER = String.join("\n",
      "import sys",
      "from prometheus_client.parser import text_string_to_metric_families",
      "for family in text_string_to_metric_families(sys.stdin.read()):",
      "    for s in family.samples:",
      "        labels = ','.join(k + '=' + v for k, v in sorted(s.labels.items()))",
      "        print(s.name + ('{' + labels + '}' if labels else '') + ' ' + repr(float(s.value)))");

  private PrometheusText() {}

  /** Every sample as {@code name{label=value,...}} (labels sorted) to its value. */
  static Map<String, Double> parse(String exposition) throws IOException, InterruptedException {
    Process python = new ProcessBuilder("/usr/bin/python3", "-c", PARSER).redirectErrorStream(false).start();
    try (OutputStream in = python.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!python.waitFor(60, TimeUnit.SECONDS) || python.exitValue() != 0) {
      throw new IllegalStateException("the Prometheus parser refused the exposition: " + err);
    }
    Map<String, Double> samples = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        int space = line.lastIndexOf(' ');
        String value = line.substring(space + 1);
        samples.put(line.substring(0, space), switch (value) {
          case "nan" -> Double.NaN;
          case "inf" -> Double.POSITIVE_INFINITY;
          case "-inf" -> Double.NEGATIVE_INFINITY;
          default -> Double.parseDouble(value);
        });
      }
    }
    return samples;
  }
}
