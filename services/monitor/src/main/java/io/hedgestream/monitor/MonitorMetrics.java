package io.hedgestream.monitor;

import io.hedgestream.metrics.ServiceMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * The monitor's Prometheus metrics. What the desk's topics hold is exported as counters read from the
 * {@link MonitorView} (so a restarted monitor, which rebuilds its view, reports the same totals) and as
 * gauges per symbol; the monitor's own health as the delay from a record's write to its display, the
 * records it could not read, and (through {@link ServiceMetrics}, the services' own registry, served here by the
 * dashboard's web server) its Kafka consumer's metrics and the JVM's.
 */
final class MonitorMetrics implements AutoCloseable {

  private static final List<String> SYMBOL_GAUGES =
      List.of("pnl", "delta", "gamma", "vega", "theta", "underlying", "cvar95", "maxDrawdown");

  private final ServiceMetrics service = ServiceMetrics.unserved("monitor");
  private final MeterRegistry registry = service.registry();
  private final MonitorView view;
  private final Timer delay;
  private final Map<String, Counter> undecodable = new ConcurrentHashMap<>();
  private final Set<String> registered = new HashSet<>();
  private volatile Map<String, Map<String, Object>> symbols = Map.of();
  private volatile Map<String, Object> overview = Map.of();

  MonitorMetrics(MonitorView view) {
    this.view = view;
    this.delay = Timer.builder("hedgestream.monitor.delay")
        .description("From a record's write (its Kafka timestamp) to the monitor's view holding it")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(60))
        .register(registry);
    for (String topic : MonitorConsumer.watchedTopics()) {
      FunctionCounter.builder("hedgestream.monitor.records", view, v -> v.records(topic))
          .description("Records the monitor read, by topic").tags("topic", topic).register(registry);
    }
    counter("hedgestream.decisions", "Book decisions (one PnL event each)", Tags.empty(), "decisions");
    counter("hedgestream.fallbacks.all", "Decisions where a guardrail refused the policy", Tags.empty(), "fallbacks");
    counter("hedgestream.hedge.orders", "Hedge orders the engine sent", Tags.empty(), "hedgeOrders");
    counter("hedgestream.fills", "Fills of hedge orders", Tags.empty(), "fills");
    counter("hedgestream.dead.letters.all", "Records dead-lettered on any topic", Tags.empty(), "deadLetters");
    Gauge.builder("hedgestream.books", this, m -> number(m.overview.get("totals"), "books"))
        .description("Books the desk holds").register(registry);
  }

  /** The registry. */
  MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition, after registering the labels the view gained since the last scrape. */
  String scrape() {
    refresh();
    return service.scrape();
  }

  void bindConsumer(Consumer<?, ?> consumer) {
    service.bind(consumer);
  }

  void applied(String topic, long writtenAtMillis) {
    long lag = System.currentTimeMillis() - writtenAtMillis;
    if (writtenAtMillis > 0 && lag >= 0) {
      delay.record(Duration.ofMillis(lag));
    }
  }

  void undecodable(String topic) {
    undecodable.computeIfAbsent(topic, t -> Counter.builder("hedgestream.monitor.undecodable")
        .description("Records the monitor could not read, by topic").tag("topic", t).register(registry)).increment();
  }

  /** The delay histogram (for the load benchmark). */
  Timer delay() {
    return delay;
  }

  @Override
  public void close() {
    service.close();
  }

  @SuppressWarnings("unchecked")
  private synchronized void refresh() {
    Map<String, Object> o = view.overview();
    overview = o;
    Map<String, Map<String, Object>> bySymbol = new HashMap<>();
    for (Map<String, Object> row : view.symbols()) {
      bySymbol.put((String) row.get("symbol"), row);
    }
    symbols = bySymbol;
    for (String symbol : bySymbol.keySet()) {
      if (registered.add("symbol:" + symbol)) {
        registerSymbol(symbol);
      }
    }
    java.util.Set<String> guardrails = new java.util.TreeSet<>(Guardrails.ALL);
    guardrails.addAll(((Map<String, Long>) o.get("fallbacksByGuardrail")).keySet());
    guardrails.forEach(g -> {
      if (registered.add("guardrail:" + g)) {
        FunctionCounter.builder("hedgestream.fallbacks", this,
                m -> number(m.overview.get("fallbacksByGuardrail"), g))
            .description("Fallback decisions by the guardrail that fired").tags("guardrail", g).register(registry);
      }
    });
    ((Map<String, Long>) o.get("rejectsByCode")).keySet().forEach(code -> {
      if (registered.add("reject:" + code)) {
        FunctionCounter.builder("hedgestream.order.rejects", this, m -> number(m.overview.get("rejectsByCode"), code))
            .description("Hedge orders the venue or the gateway rejected, by reason code").tags("code", code)
            .register(registry);
      }
    });
    for (Map<String, Object> row : (List<Map<String, Object>>) o.get("deadLetters")) {
      String topic = (String) row.get("topic");
      String code = (String) row.get("code");
      if (registered.add("dlq:" + topic + "|" + code)) {
        FunctionCounter.builder("hedgestream.dead.letters", this, m -> m.deadLetters(topic, code))
            .description("Dead letters by dead-letter topic and reason code").tags("topic", topic, "code", code)
            .register(registry);
      }
    }
  }

  private void registerSymbol(String symbol) {
    for (String field : SYMBOL_GAUGES) {
      String name = "hedgestream.symbol." + field.replaceAll("([A-Z])", ".$1").toLowerCase(java.util.Locale.ROOT);
      Gauge.builder(name, this, m -> number(m.symbols.get(symbol), field))
          .description("The symbol's " + field + " (books summed; risk figures: worst book)")
          .tag("symbol", symbol).register(registry);
    }
    Gauge.builder("hedgestream.symbol.halted", this,
            m -> "HALTED".equals(value(m.symbols.get(symbol), "tradingState")) ? 1 : 0)
        .description("1 when the symbol's trading state is HALTED").tag("symbol", symbol).register(registry);
    Gauge.builder("hedgestream.symbol.kill.switch", this,
            m -> Boolean.TRUE.equals(value(m.symbols.get(symbol), "killSwitch")) ? 1 : 0)
        .description("1 while the symbol's kill switch is on").tag("symbol", symbol).register(registry);
  }

  private void counter(String name, String help, Tags tags, String total) {
    FunctionCounter.builder(name, this, m -> number(m.overview.get("totals"), total))
        .description(help).tags(tags).register(registry);
  }

  @SuppressWarnings("unchecked")
  private double deadLetters(String topic, String code) {
    for (Map<String, Object> row : (List<Map<String, Object>>) overview.getOrDefault("deadLetters", List.of())) {
      if (row.get("topic").equals(topic) && row.get("code").equals(code)) {
        return ((Number) row.get("count")).doubleValue();
      }
    }
    return 0;
  }

  private static Object value(Object map, String key) {
    return map instanceof Map<?, ?> m ? m.get(key) : null;
  }

  private static double number(Object map, String key) {
    return value(map, key) instanceof Number n ? n.doubleValue() : 0.0;
  }
}
