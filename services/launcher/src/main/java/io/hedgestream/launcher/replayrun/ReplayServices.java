package io.hedgestream.launcher.replayrun;

import io.hedgestream.engine.EngineConfig;
import io.hedgestream.gateway.FillTime;
import io.hedgestream.gateway.GatewayConfig;
import io.hedgestream.gateway.PaperExchangeConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The engine and gateway settings of a replay run: each run gets its own application id and consumer
 * group; the engine decides every tick (interval PT1S, shorter than any tick spacing), rounds to lots of 1
 * unit, keeps in-memory state, runs at-least-once (the determinism comes from the lockstep, not from
 * transactions, and results are visible without waiting for commits) and does not journal. Its commits are
 * the lockstep's barrier ({@link EngineProgress}): in lockstep it commits as soon as it has processed
 * anything (interval 1 ms) and polls for 1 ms at most, so a commit never waits for the next input; at max
 * speed every 100 ms, which only the end of the run waits for. The paper
 * gateway fills at order time with the run's costs as fee and commits its transaction as soon as it has
 * fills (interval 1 ms). Every client sends at once (linger 0).
 */
final class ReplayServices {

  private ReplayServices() {}

  static EngineConfig engine(RunOptions options, String bootstrap, String runId, Path stateDir, boolean fromLatest) {
    Properties props = new Properties();
    props.setProperty("engine.bootstrap.servers", bootstrap);
    props.setProperty("engine.application.id", "replay-" + runId);
    props.setProperty("engine.state.dir", stateDir.toString());
    props.setProperty("engine.state.store", "memory");
    props.setProperty("engine.decision.interval", "PT1S");
    props.setProperty("engine.lot-size", "1");
    props.setProperty("engine.processing.guarantee", EngineConfig.AT_LEAST_ONCE);
    boolean lockstep = options.pacing() == Pacing.LOCKSTEP;
    props.setProperty("engine.commit.interval.ms", lockstep ? "1" : "100");
    props.setProperty("engine.policy", options.policy());
    props.setProperty("engine.journal.enabled", "false");
    passThrough(props, options.kafkaOverrides());
    props.setProperty("kafka.linger.ms", "0");
    props.setProperty("kafka." + StreamsConfig.POLL_MS_CONFIG, lockstep ? "1" : "10");
    props.setProperty("kafka.consumer.auto.offset.reset", fromLatest ? "latest" : "earliest");
    return EngineConfig.from(props);
  }

  static GatewayConfig gateway(RunOptions options, String bootstrap, String runId, boolean fromLatest) {
    Properties props = new Properties();
    props.setProperty("gateway.bootstrap.servers", bootstrap);
    props.setProperty("gateway.group-id", "replay-gateway-" + runId);
    props.setProperty("gateway.poll-timeout-ms", "5");
    // The lockstep waits for each day's fills: publish them (commit the gateway's transaction) at once.
    props.setProperty("gateway.commit-interval-ms", "1");
    props.setProperty("gateway.auto-offset-reset", fromLatest ? "latest" : "earliest");
    passThrough(props, options.kafkaOverrides());
    props.setProperty("kafka.linger.ms", "0");
    props.setProperty("kafka.fetch.max.wait.ms", "5");
    // Max speed lets the gateway read ticks far ahead of the orders: keep every quote of a run.
    return GatewayConfig.from(props).withPaper(new PaperExchangeConfig(options.costsBps(), 0, 0, 10_000,
        PaperExchangeConfig.DEFAULT_OPTION_HALF_SPREAD_VOL, FillTime.ORDER_TIME, 1_000_000));
  }

  private static void passThrough(Properties props, Map<String, Object> overrides) {
    overrides.forEach((name, value) -> props.setProperty("kafka." + name, String.valueOf(value)));
  }
}
