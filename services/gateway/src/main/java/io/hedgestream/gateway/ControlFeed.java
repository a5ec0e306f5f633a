package io.hedgestream.gateway;

import io.hedgestream.avro.ControlCommand;
import io.hedgestream.avro.PolicyControl;
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
 * The gateway's reading of {@code policy.control}: every partition, from the beginning, with a consumer of its
 * own (no group, read_committed), applying each SET_TRADING_STATE to the {@link TradingStates}. The gateway
 * reads the whole topic before it reads any order ({@link #catchUp}), so a restarted gateway never sends an
 * order of a symbol that was HALTED while it was down; then it polls for new commands between its own polls.
 * Other commands are the engine's (which also dead-letters the ones it cannot decode): skipped here.
 */
final class ControlFeed implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ControlFeed.class);
  private static final String TOPIC = Topics.POLICY_CONTROL.name();

  private final Consumer<byte[], byte[]> consumer;
  private final TradingStates states;

  /**
   * A feed applying commands to {@code states}.
   *
   * @param consumer a consumer without a group (it is assigned every partition)
   * @param states the trading states to keep
   */
  ControlFeed(Consumer<byte[], byte[]> consumer, TradingStates states) {
    this.consumer = consumer;
    this.states = states;
  }

  /**
   * Reads {@code policy.control} from its beginning to its current end.
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
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("could not read " + TOPIC + " to its end within " + timeout);
      }
      apply(consumer.poll(Duration.ofMillis(100)));
    }
    LOG.info("gateway trading states read from {} ({} partitions): {}", TOPIC, partitions.size(),
        states.describe().isEmpty() ? "all ACTIVE" : states.describe());
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

  @Override
  public void close() {
    consumer.close();
  }
}
