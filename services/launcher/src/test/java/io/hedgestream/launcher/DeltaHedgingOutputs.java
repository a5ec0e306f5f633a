package io.hedgestream.launcher;

import io.hedgestream.avro.DeadLetter;
import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads what the engine and the gateway publish for the study's symbols, from where the topics ended when
 * it was opened: PnL events, hedge orders and fills, and dead letters. One read_committed consumer, so it
 * sees the engine's outputs only once their transaction committed, as any downstream reader would.
 */
final class DeltaHedgingOutputs implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(20);
  private static final List<Topic<String, ?>> DEAD_LETTER_SOURCES = List.of(Topics.MD_TICKS, Topics.ORDERS_CLIENT,
      Topics.FILLS_HEDGE, Topics.ORDERS_HEDGE, Topics.POLICY_CONTROL);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Set<String> symbols;
  private final int books;
  private final Map<String, PnlEvent> latestPnl = new HashMap<>();
  private final Map<String, List<PnlEvent>> pnlHistory = new HashMap<>();
  private final Map<String, HedgeOrder> orders = new HashMap<>();
  private final Set<String> completedOrders = new HashSet<>();
  private final List<Fill> fills = new ArrayList<>();
  private final List<String> deadLetters = new ArrayList<>();

  /**
   * Opens the reader positioned at the current end of every output topic.
   *
   * @param consumerProps read_committed byte-array consumer settings
   * @param symbols the study's symbols; records of other symbols are ignored
   * @param booksPerSymbol books per symbol whose PnL is awaited
   */
  DeltaHedgingOutputs(Map<String, Object> consumerProps, Collection<String> symbols, int booksPerSymbol) {
    this.consumer = new KafkaConsumer<>(consumerProps);
    this.symbols = Set.copyOf(symbols);
    this.books = symbols.size() * booksPerSymbol;
    List<TopicPartition> partitions = new ArrayList<>();
    List<String> topics = new ArrayList<>(List.of(Topics.PNL_EVENTS.name(), Topics.ORDERS_HEDGE.name(),
        Topics.FILLS_HEDGE.name()));
    DEAD_LETTER_SOURCES.forEach(source -> topics.add(Topics.deadLetterOf(source).name()));
    for (String topic : topics) {
      for (PartitionInfo info : consumer.partitionsFor(topic)) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
  }

  /**
   * Waits until every book has reported step {@code step} (or later), every hedge order committed with
   * those steps has been read, and every hedge order read so far is completely filled.
   *
   * @param step the decision step (1 = the client order's decision)
   * @param timeout how long to wait
   * @throws IllegalStateException on timeout, saying what is missing
   */
  void awaitStep(long step, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    pollUntil(() -> booksAtStep(step) == books, deadline, () -> "PnL of step " + step + " from "
        + booksAtStep(step) + " of " + books + " books");
    Map<TopicPartition, Long> committedOrders = consumer.endOffsets(partitionsOf(Topics.ORDERS_HEDGE.name()));
    pollUntil(() -> committedOrders.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue()),
        deadline, () -> "hedge orders committed with step " + step);
    pollUntil(() -> completedOrders.containsAll(orders.keySet()), deadline, () -> "fills of "
        + (orders.size() - completedOrders.size()) + " of " + orders.size() + " hedge orders after step " + step);
  }

  /** The end offsets of {@code fills.hedge}: where the engine must have read to have booked every fill. */
  Map<TopicPartition, Long> fillEnds() {
    return consumer.endOffsets(partitionsOf(Topics.FILLS_HEDGE.name()));
  }

  /** Reads whatever is there for about {@code duration} (to collect late dead letters). */
  void drain(Duration duration) {
    long deadline = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < deadline) {
      poll();
    }
  }

  /** The latest PnL event of each book, by {@code symbol/book}. */
  Map<String, PnlEvent> latestPnl() {
    return Map.copyOf(latestPnl);
  }

  /** Every PnL event of a book ({@code symbol/book}) in arrival order. */
  List<PnlEvent> pnlHistory(String book) {
    return List.copyOf(pnlHistory.getOrDefault(book, List.of()));
  }

  /** Every hedge order of the study's symbols, by order id. */
  Map<String, HedgeOrder> orders() {
    return Map.copyOf(orders);
  }

  /** Every fill of the study's symbols, in arrival order. */
  List<Fill> fills() {
    return List.copyOf(fills);
  }

  /** Dead letters whose key is one of the study's symbols, as "topic: error". */
  List<String> deadLetters() {
    return List.copyOf(deadLetters);
  }

  @Override
  public void close() {
    consumer.close();
  }

  private long booksAtStep(long step) {
    return latestPnl.values().stream().filter(pnl -> pnl.getStep() >= step).count();
  }

  private void pollUntil(BooleanSupplier done, long deadline, java.util.function.Supplier<String> waitingFor) {
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + waitingFor.get());
      }
      poll();
    }
  }

  private List<TopicPartition> partitionsOf(String topic) {
    return consumer.assignment().stream().filter(p -> p.topic().equals(topic)).toList();
  }

  private void poll() {
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
      String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
      if (symbols.contains(key)) {
        accept(record);
      }
    }
  }

  private void accept(ConsumerRecord<byte[], byte[]> record) {
    String topic = record.topic();
    if (topic.equals(Topics.PNL_EVENTS.name())) {
      PnlEvent pnl = decode(Topics.PNL_EVENTS, record);
      String book = pnl.getSymbol() + "/" + pnl.getBook();
      latestPnl.merge(book, pnl, (old, next) -> next.getStep() >= old.getStep() ? next : old);
      pnlHistory.computeIfAbsent(book, b -> new ArrayList<>()).add(pnl);
    } else if (topic.equals(Topics.ORDERS_HEDGE.name())) {
      HedgeOrder order = decode(Topics.ORDERS_HEDGE, record);
      orders.put(order.getOrderId(), order);
    } else if (topic.equals(Topics.FILLS_HEDGE.name())) {
      Fill fill = decode(Topics.FILLS_HEDGE, record);
      fills.add(fill);
      if (fill.getLeavesQuantity() == 0) {
        completedOrders.add(fill.getOrderId());
      }
    } else {
      Topic<byte[], DeadLetter> dlq = Topics.deadLetterOf(Topics.MD_TICKS);
      DeadLetter letter = dlq.valueSerde().deserializer().deserialize(topic, record.value());
      deadLetters.add(topic + ": " + letter.getErrorType() + " " + letter.getError());
    }
  }

  private static <V> V decode(Topic<String, V> topic, ConsumerRecord<byte[], byte[]> record) {
    return topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
  }
}
