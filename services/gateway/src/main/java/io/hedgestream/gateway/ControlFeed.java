package io.hedgestream.gateway;

import io.hedgestream.avro.ControlCommand;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.PolicyControl;
import io.hedgestream.gateway.risk.BookExposures;
import io.hedgestream.gateway.risk.TradingStates;
import io.hedgestream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's reading of {@code policy.control} and {@code pnl.events}, with a consumer of its own (no group,
 * read_committed). Of {@code policy.control}, every partition from the beginning, applying each
 * SET_TRADING_STATE to the {@link TradingStates}: the gateway reads the whole topic before it reads any order
 * ({@link #catchUp}), so a restarted gateway never sends an order of a symbol that was HALTED while it was down.
 * Other commands are the engine's (which also dead-letters the ones it cannot decode): skipped here. Of
 * {@code pnl.events}, the engine's reports of its books (positions, delta, vega) for the position and Greek
 * limits and the REDUCING state ({@link BookExposures}): the last {@link #REPORTS_READ_BACK} of each partition
 * at start, then everything new. Then it polls both between the gateway's own polls.
 */
final class ControlFeed implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ControlFeed.class);
  private static final String TOPIC = Topics.POLICY_CONTROL.name();
  private static final String REPORTS = Topics.PNL_EVENTS.name();
  /** How many of the latest book reports of each pnl.events partition a starting gateway reads. */
  static final long REPORTS_READ_BACK = 20_000;

  private final Consumer<byte[], byte[]> consumer;
  private final TradingStates states;
  private final BookExposures exposures;
  private final boolean reportsRequired;

  /**
   * A feed applying commands to {@code states} and book reports to {@code exposures}.
   *
   * @param consumer a consumer without a group (it is assigned every partition)
   * @param states the trading states to keep
   * @param exposures the books' exposures to keep
   * @param reportsRequired whether the gateway must not start without pnl.events (exposure limits are set)
   */
  ControlFeed(Consumer<byte[], byte[]> consumer, TradingStates states, BookExposures exposures,
      boolean reportsRequired) {
    this.consumer = consumer;
    this.states = states;
    this.exposures = exposures;
    this.reportsRequired = reportsRequired;
  }

  /**
   * Reads {@code policy.control} from its beginning, and the latest book reports of {@code pnl.events}, to their
   * current ends.
   *
   * @param timeout how long the whole read may take
   * @throws IllegalStateException when the topic does not exist or cannot be read in time (the gateway does not
   *     start: without the trading states it would trade blind)
   */
  void catchUp(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<PartitionInfo> infos = consumer.partitionsFor(TOPIC, timeout);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("topic " + TOPIC + " does not exist: the gateway reads its trading states "
          + "there before it trades (create the topics: hedge topics)");
    }
    List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(TOPIC, p.partition())).toList();
    List<PartitionInfo> reportInfos = consumer.partitionsFor(REPORTS, timeout);
    List<TopicPartition> reports = reportInfos == null ? List.of()
        : reportInfos.stream().map(p -> new TopicPartition(REPORTS, p.partition())).toList();
    if (reports.isEmpty()) {
      if (reportsRequired) {
        throw new IllegalStateException("topic " + REPORTS + " does not exist: the gateway's position and Greek limits "
            + "read the engine's book reports there (create the topics: hedge topics)");
      }
      LOG.warn("topic {} does not exist: the REDUCING trading state refuses every order", REPORTS);
    }
    List<TopicPartition> all = new ArrayList<>(partitions);
    all.addAll(reports);
    consumer.assign(all);
    consumer.seekToBeginning(partitions);
    if (!reports.isEmpty()) {
      Map<TopicPartition, Long> reportEnds = consumer.endOffsets(reports, timeout);
      Map<TopicPartition, Long> reportStarts = consumer.beginningOffsets(reports, timeout);
      for (TopicPartition report : reports) {
        consumer.seek(report, Math.max(reportStarts.get(report), reportEnds.get(report) - REPORTS_READ_BACK));
      }
    }
    Map<TopicPartition, Long> end = consumer.endOffsets(all, timeout);
    while (all.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("could not read " + TOPIC + " to its end within " + timeout);
      }
      apply(consumer.poll(Duration.ofMillis(100)));
    }
    LOG.info("gateway trading states read from {}: {}; book reports from {}", TOPIC,
        states.describe().isEmpty() ? "all ACTIVE" : states.describe(), reports.isEmpty() ? "nowhere" : REPORTS);
  }

  /**
   * Applies the commands published since the last call, without waiting.
   *
   * @return the keys (a symbol, or {@code *}) that became HALTED
   */
  List<String> poll() {
    return apply(consumer.poll(Duration.ZERO));
  }

  private List<String> apply(Iterable<ConsumerRecord<byte[], byte[]>> records) {
    List<String> halted = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      if (record.topic().equals(REPORTS)) {
        report(record);
        continue;
      }
      PolicyControl command;
      try {
        command = Topics.POLICY_CONTROL.valueSerde().deserializer().deserialize(TOPIC, record.value());
      } catch (RuntimeException e) {
        LOG.warn("{}-{}@{} skipped: not a control command ({})", TOPIC, record.partition(), record.offset(),
            e.getMessage());
        continue;
      }
      if (command == null || command.getCommand() != ControlCommand.SET_TRADING_STATE
          || command.getTradingState() == null || record.key() == null) {
        continue;
      }
      String key = new String(record.key(), StandardCharsets.UTF_8);
      if (states.set(key, command.getTradingState())) {
        halted.add(key);
      }
      LOG.info("trading state of {} is {} (command {} by {})", key, command.getTradingState(),
          command.getCommandId(), command.getOperator());
    }
    return halted;
  }

  private void report(ConsumerRecord<byte[], byte[]> record) {
    try {
      PnlEvent report = Topics.PNL_EVENTS.valueSerde().deserializer().deserialize(REPORTS, record.value());
      if (report != null) {
        exposures.onReport(report);
      }
    } catch (RuntimeException e) {
      LOG.warn("{}-{}@{} skipped: not a book report ({})", REPORTS, record.partition(), record.offset(), e.getMessage());
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
