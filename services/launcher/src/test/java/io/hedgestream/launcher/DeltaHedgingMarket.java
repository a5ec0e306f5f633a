package io.hedgestream.launcher;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.avro.OptionType;
import io.hedgestream.basics.EpochMicros;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntToDoubleFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The study's market and client: publishes zero-spread ticks (bid = ask = last = spot) of every path and the
 * client's call purchases, and remembers where {@code md.ticks} ends, so the harness can wait until the
 * paper gateway has read every tick published so far.
 */
final class DeltaHedgingMarket implements AutoCloseable {

  private static final long SEND_TIMEOUT_SECONDS = 30;

  private final KafkaProducer<byte[], byte[]> producer;
  private final DeltaHedgingSetup setup;
  private final List<String> symbols;

  /**
   * Creates the publisher.
   *
   * @param producerProps byte-array producer settings
   * @param setup the study
   * @param symbols one symbol per path
   */
  DeltaHedgingMarket(Map<String, Object> producerProps, DeltaHedgingSetup setup, List<String> symbols) {
    this.producer = new KafkaProducer<>(producerProps);
    this.setup = setup;
    this.symbols = List.copyOf(symbols);
  }

  /**
   * Publishes one tick per symbol at {@code eventMicros} and waits for the broker's acknowledgements.
   *
   * @param eventMicros event time of the ticks
   * @param spotOfPath the spot of path {@code i}
   */
  void publishTicks(long eventMicros, IntToDoubleFunction spotOfPath) {
    Future<?>[] sent = new Future<?>[symbols.size()];
    for (int i = 0; i < symbols.size(); i++) {
      double spot = spotOfPath.applyAsDouble(i);
      MarketTick tick = MarketTick.newBuilder()
          .setSymbol(symbols.get(i))
          .setEventTimeMicros(EpochMicros.toInstant(eventMicros))
          .setBid(spot)
          .setAsk(spot)
          .setLast(spot)
          .setVolume(0)
          .setAtmImpliedVol(setup.vol())
          .setRate(0)
          .setDividendYield(0)
          .setSabr(null)
          .setSource("delta-hedging-it")
          .build();
      sent[i] = send(Topics.MD_TICKS, symbols.get(i), tick);
    }
    for (Future<?> future : sent) {
      await(future);
    }
  }

  /**
   * Publishes, per symbol, one client purchase of the study's call into each of {@code books}, at day 0
   * and at the Black-Scholes premium.
   *
   * @param books book ids
   */
  void publishClientOrders(List<String> books) {
    Future<?>[] sent = new Future<?>[symbols.size() * books.size()];
    int n = 0;
    for (String symbol : symbols) {
      for (String book : books) {
        ClientOrder order = ClientOrder.newBuilder()
            .setOrderId(symbol + "-" + book + "-call")
            .setBook(book)
            .setClient("delta-hedging-it")
            .setSymbol(symbol)
            .setOption(OptionSpec.newBuilder()
                .setOptionType(OptionType.CALL)
                .setStrike(setup.strike())
                .setExpiryMicros(EpochMicros.toInstant(setup.expiryMicros()))
                .setMultiplier(setup.multiplier())
                .build())
            .setQuantity(setup.contracts())
            .setPremium(setup.premium())
            .setEventTimeMicros(EpochMicros.toInstant(setup.eventMicros(0)))
            .build();
        sent[n++] = send(Topics.ORDERS_CLIENT, symbol, order);
      }
    }
    for (Future<?> future : sent) {
      await(future);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  private <V> Future<RecordMetadata> send(Topic<String, V> topic, String key, V value) {
    byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
    byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    return producer.send(new ProducerRecord<>(topic.name(), keyBytes, valueBytes));
  }

  @SuppressWarnings("unchecked")
  private static <T> T await(Future<?> future) {
    try {
      return (T) future.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("broker call failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("broker call timed out", e);
    }
  }
}
