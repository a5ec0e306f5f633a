package io.hedgestream.monitor;

import java.util.Locale;

/**
 * The guardrail behind a fallback decision, read from its PnL event's reason ({@code FALLBACK: <detail>}).
 * The detail carries figures (the target, the limit) that would make every fallback a label of its own; the
 * monitor counts fallbacks by the rule that fired instead, with the wording of the engine's PolicyGuard
 * and BookDecider.
 */
final class Guardrails {

  /** Every name {@link #of} returns. */
  static final java.util.List<String> ALL = java.util.List.of("max-position", "non-finite-target",
      "unsupported-instrument", "no-result", "policy-failed", "other");

  private Guardrails() {}

  /** {@code max-position}, {@code non-finite-target}, ..., or {@code other} for a detail it does not know. */
  static String of(String reason) {
    String detail = reason.toLowerCase(Locale.ROOT);
    if (detail.contains("exceeds max-position")) {
      return "max-position";
    }
    if (detail.contains("is not finite")) {
      return "non-finite-target";
    }
    if (detail.contains("unsupported instrument")) {
      return "unsupported-instrument";
    }
    if (detail.contains("no result")) {
      return "no-result";
    }
    if (detail.contains("policy failed") || detail.contains("policy threw") || detail.contains("policy returned")) {
      return "policy-failed";
    }
    return "other";
  }
}
