package io.hedgestream.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * 100,000 seeded bad records through the real topology between the records of a valid market: none crashes
 * the engine, each is dead-lettered with a reason, and the engine's orders and PnL are exactly those of the
 * valid market alone. Figures to {@code target/bad-record-campaign.json}.
 */
class BadRecordCampaignTest {

  @Test
  void everyBadRecordIsDeadLetteredAndNoneChangesADecision() throws Exception {
    BadRecordCampaign.Result outcome = new BadRecordCampaign(20261207L, 1_001, 100).run();
    BadRecordCampaign.write(outcome.result(), Path.of("target", "bad-record-campaign.json"));
    System.out.println("bad-record campaign: " + outcome.result());

    assertThat((int) outcome.result().get("badRecords")).isGreaterThanOrEqualTo(100_000);
    assertThat(outcome.faulty().crashes()).as("exceptions out of the topology").isEmpty();
    assertThat(outcome.unmatched()).as("bad records without their dead letter, or valid ones dead-lettered")
        .isEmpty();
    assertThat(outcome.result().get("deadLettersWithoutReason")).isEqualTo(0);
    assertThat(outcome.reference().deadLetters().values()).as("the valid market alone").allMatch(java.util.List::isEmpty);
    assertThat(outcome.reference().orders()).as("the valid market hedges").hasSizeGreaterThan(100);
    assertThat(outcome.faulty().orders()).as("hedge orders").isEqualTo(outcome.reference().orders());
    assertThat(outcome.faulty().pnl()).as("PnL events").isEqualTo(outcome.reference().pnl());
  }
}
