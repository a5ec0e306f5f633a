package io.hedgestream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsReaderTest {

  private final Properties properties = new Properties();
  private final SettingsReader in = new SettingsReader(properties, "svc.");

  @Test
  void textIsStrippedAndBlankCountsAsUnset() {
    set("svc.name", "  desk-1 ");
    set("svc.blank", "   ");

    assertThat(in.text("svc.name", "x")).isEqualTo("desk-1");
    assertThat(in.text("svc.blank", "fallback")).isEqualTo("fallback");
    assertThat(in.text("svc.absent", "fallback")).isEqualTo("fallback");
    assertThat(in.isSet("svc.name")).isTrue();
    assertThat(in.isSet("svc.blank")).isFalse();
    assertValid();
  }

  @Test
  void aMissingRequiredValueSaysWhatItIsFor() {
    assertThat(in.required("svc.servers", "host:port of the cluster")).isEmpty();
    set("svc.other", "v");
    assertThat(in.required("svc.other", "anything")).isEqualTo("v");

    assertInvalid("svc.servers: required (host:port of the cluster)");
  }

  @Test
  void decimalsAreCheckedAgainstTheirRule() {
    set("svc.ok", "0.25");
    set("svc.negative", "-1");
    set("svc.word", "abc");

    assertThat(in.decimal("svc.ok", 9, v -> v >= 0, ">= 0")).isEqualTo(0.25);
    assertThat(in.decimal("svc.negative", 9, v -> v >= 0, ">= 0")).isEqualTo(9);
    assertThat(in.decimal("svc.word", 9, v -> v >= 0, ">= 0")).isEqualTo(9);
    assertThat(in.decimal("svc.absent", 9, v -> v >= 0, ">= 0")).isEqualTo(9);

    assertInvalid("svc.negative=-1: must be >= 0", "svc.word=abc: not a number");
  }

  @Test
  void positiveDecimalsRefuseZeroAndInfinity() {
    set("svc.lot", "100");
    set("svc.zero", "0");
    set("svc.infinite", "Infinity");

    assertThat(in.positiveDecimal("svc.lot", 1)).isEqualTo(100);
    assertThat(in.positiveDecimal("svc.zero", 1)).isEqualTo(1);
    assertThat(in.positiveDecimal("svc.infinite", 1)).isEqualTo(1);

    assertInvalid("svc.zero=0: must be finite and > 0", "svc.infinite=Infinity: must be finite and > 0");
  }

  @Test
  void integersAreCheckedAgainstARuleOrARange() {
    set("svc.seed", "-7");
    set("svc.threads", "65");
    set("svc.window", "2.5");

    assertThat(in.integer("svc.seed", 42, v -> true, "an integer")).isEqualTo(-7);
    assertThat(in.integer("svc.threads", 1, 1, 64)).isEqualTo(1);
    assertThat(in.integer("svc.window", 250, 1, 100_000)).isEqualTo(250);
    assertThat(in.integer("svc.absent", 3, 1, 10)).isEqualTo(3);

    assertInvalid("svc.threads=65: must be in [1, 64]", "svc.window=2.5: not an integer");
  }

  @Test
  void durationsAcceptIsoOrSecondsAndMustBePositive() {
    set("svc.iso", "pt1m");
    set("svc.seconds", "0.5");
    set("svc.zero", "0");
    set("svc.word", "soon");

    assertThat(in.positiveDuration("svc.iso", Duration.ZERO)).isEqualTo(Duration.ofMinutes(1));
    assertThat(in.positiveDuration("svc.seconds", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
    assertThat(in.positiveDuration("svc.zero", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    assertThat(in.positiveDuration("svc.word", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));

    assertInvalid("svc.zero=0: must be a positive ISO-8601 duration", "svc.word=soon: must be a positive");
  }

  @Test
  void booleansAreTrueOrFalseInAnyCase() {
    set("svc.create", "TRUE");
    set("svc.maybe", "yes");

    assertThat(in.bool("svc.create", false)).isTrue();
    assertThat(in.bool("svc.maybe", false)).isFalse();
    assertThat(in.bool("svc.absent", true)).isTrue();

    assertInvalid("svc.maybe=yes: must be true or false");
  }

  @Test
  void choicesMatchInAnyCaseAndReturnTheChoiceSpelling() {
    set("svc.store", "MEMORY");
    set("svc.policy", "gamma");

    assertThat(in.choice("svc.store", "rocksdb", List.of("rocksdb", "memory"))).isEqualTo("memory");
    assertThat(in.choice("svc.policy", "delta", List.of("delta", "none"))).isEqualTo("delta");

    assertInvalid("svc.policy=gamma: must be one of [delta, none]");
  }

  @Test
  void parsedValuesReportTheParsersMessage() {
    set("svc.start", "2026-01-02T03:04:05Z");
    set("svc.bad-start", "yesterday");
    set("svc.speed", "fast");

    assertThat(in.parsed("svc.start", Instant.EPOCH, Instant::parse)).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    assertThat(in.parsed("svc.bad-start", Instant.EPOCH, Instant::parse)).isEqualTo(Instant.EPOCH);
    assertThat(in.<Integer>parsed("svc.speed", 1, text -> {
      throw new IllegalArgumentException("speed must be x<N> or max");
    })).isEqualTo(1);
    assertThat(in.parsed("svc.absent", "fallback", text -> "parsed")).isEqualTo("fallback");

    assertInvalid("svc.bad-start=yesterday: Text 'yesterday' could not be parsed",
        "svc.speed=fast: speed must be x<N> or max");
  }

  @Test
  void kafkaSettingsLoseTheirPrefixAndReservedOnesAreRefused() {
    set("kafka.security.protocol", "SASL_SSL");
    set("kafka.acks", "0");
    set("other.acks", "1");

    Map<String, Object> overrides = in.kafkaOverrides(Set.of("acks"));

    assertThat(overrides).containsOnly(Map.entry("security.protocol", "SASL_SSL"));
    assertInvalid("kafka.acks: set by the service itself and cannot be overridden");
  }

  @Test
  void unknownNamesUnderThePrefixAreRejectedButOthersAreNotOurs() {
    set("svc.known", "1");
    set("svc.tpyo", "1");
    set("engine.anything", "1");
    set("kafka.linger.ms", "5");
    in.text("svc.known", null);

    assertInvalid("svc.tpyo: unknown setting");
    assertThatThrownBy(() -> in.throwIfInvalid("svc")).message()
        .doesNotContain("svc.known").doesNotContain("engine.anything").doesNotContain("kafka.linger.ms");
  }

  @Test
  void everyProblemIsListedInOneMessageOnePerLine() {
    set("svc.a", "x");
    set("svc.b", "-1");
    set("svc.unknown", "1");
    in.integer("svc.a", 0, 0, 10);
    in.positiveDecimal("svc.b", 1);
    in.error("svc.a and svc.b disagree");

    assertThatThrownBy(() -> in.throwIfInvalid("svc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid svc configuration:\n"
            + "  - svc.a=x: not an integer\n"
            + "  - svc.b=-1: must be finite and > 0\n"
            + "  - svc.a and svc.b disagree\n"
            + "  - svc.unknown: unknown setting");
  }

  @Test
  void aBlankPrefixIsRefused() {
    assertThatThrownBy(() -> new SettingsReader(properties, " ")).isInstanceOf(IllegalArgumentException.class);
  }

  private void set(String name, String value) {
    properties.setProperty(name, value);
  }

  private void assertValid() {
    assertThatCode(() -> in.throwIfInvalid("svc")).doesNotThrowAnyException();
  }

  private void assertInvalid(String... fragments) {
    assertThatThrownBy(() -> in.throwIfInvalid("svc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid svc configuration:")
        .hasMessageContainingAll(fragments);
  }
}
