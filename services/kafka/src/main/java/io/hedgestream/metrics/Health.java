package io.hedgestream.metrics;

/**
 * What a service says about itself on {@code /health/live} and {@code /health/ready} (served beside its
 * {@code /metrics}, see {@link ServiceMetrics#health}): a liveness probe that fails means "restart me", a
 * readiness probe that fails means "I am not doing my work now" (starting, rebalancing, session down).
 */
public interface Health {

  /** The liveness probe's path. */
  String LIVE_PATH = "/health/live";

  /** The readiness probe's path. */
  String READY_PATH = "/health/ready";

  /** Before a service says anything: alive, not ready. */
  Health STARTING = new Health() {
    @Override
    public Check live() {
      return Check.up("starting");
    }

    @Override
    public Check ready() {
      return Check.down("starting");
    }
  };

  /** Whether the process should keep running; down asks the platform to restart it. */
  Check live();

  /** Whether the service does its work now; down keeps it out of rotation and disruption budgets. */
  Check ready();

  /**
   * One probe's answer.
   *
   * @param up whether the probe passes (HTTP 200; 503 otherwise)
   * @param detail a short reason a person reads, e.g. the Kafka Streams state
   */
  record Check(boolean up, String detail) {

    /** A passing probe. */
    public static Check up(String detail) {
      return new Check(true, detail);
    }

    /** A failing probe. */
    public static Check down(String detail) {
      return new Check(false, detail);
    }

    /** The JSON body the endpoints serve: {@code {"service":..,"status":"UP"|"DOWN","detail":..}}. */
    public String json(String service) {
      return "{\"service\":\"" + escape(service) + "\",\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"detail\":\""
          + escape(detail) + "\"}";
    }

    private static String escape(String text) {
      StringBuilder out = new StringBuilder(text.length());
      for (char c : text.toCharArray()) {
        if (c == '"' || c == '\\') {
          out.append('\\').append(c);
        } else if (c < 0x20) {
          out.append(String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }
  }
}
