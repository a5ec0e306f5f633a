package io.hedgestream.basics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResultTest {

  @Test
  void successHoldsItsValueAndHasNoReason() {
    Result<Double> result = Result.success(0.2);

    assertThat(result.isSuccess()).isTrue();
    assertThat(result.isFailure()).isFalse();
    assertThat(result.value()).isEqualTo(0.2);
    assertThat(result.orElse(-1.0)).isEqualTo(0.2);
    assertThatThrownBy(result::reason).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void failureHoldsItsReasonAndRefusesToGiveAValue() {
    Result<Double> result = Result.failure("price below intrinsic");

    assertThat(result.isSuccess()).isFalse();
    assertThat(result.reason()).isEqualTo("price below intrinsic");
    assertThat(result.orElse(-1.0)).isEqualTo(-1.0);
    assertThatThrownBy(result::value)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("price below intrinsic");
  }

  @Test
  void mapTransformsSuccessAndPassesFailureThrough() {
    assertThat(Result.success(2).map(x -> x * 10)).isEqualTo(Result.success(20));
    Result<Integer> failed = Result.failure("no quote");
    assertThat(failed.map(x -> x * 10).reason()).isEqualTo("no quote");
  }

  @Test
  void flatMapChainsCalculationsThatCanFail() {
    Result<Integer> chained = Result.success(4).flatMap(x -> x > 3 ? Result.failure("too big") : Result.success(x));
    assertThat(chained.reason()).isEqualTo("too big");
    assertThat(Result.success(1).flatMap(x -> Result.success(x + 1)).value()).isEqualTo(2);
  }

  @Test
  void shouldRejectNullValuesAndBlankReasons() {
    assertThatThrownBy(() -> Result.success(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Result.failure(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Result.failure(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equalResultsAreEqualAndPrintTheirContent() {
    assertThat(Result.success("a")).isEqualTo(Result.success("a")).hasSameHashCodeAs(Result.success("a"));
    assertThat(Result.failure("x")).isEqualTo(Result.failure("x")).isNotEqualTo(Result.failure("y"));
    assertThat(Result.failure("x").toString()).contains("x");
  }
}
