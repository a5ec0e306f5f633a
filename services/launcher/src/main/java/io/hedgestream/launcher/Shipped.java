package io.hedgestream.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Files shipped with the checkout (the policy model, the deploy folder's FIX session files), found under
 * {@code hedge.home} (the {@code ./hedge} script sets it to the checkout) or else in the working directory or
 * one above it, so the commands work from any directory of the checkout.
 */
final class Shipped {

  private Shipped() {}

  /** The shipped file at {@code relative} (to the checkout's root), when this installation has it. */
  static Optional<Path> find(String relative) {
    String home = System.getProperty("hedge.home");
    if (home != null && !home.isBlank()) {
      Path candidate = Path.of(home).resolve(relative).toAbsolutePath().normalize();
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(relative).normalize();
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** {@link #find}, or an error naming what is missing. */
  static Path locate(String relative) {
    return find(relative).orElseThrow(() -> new IllegalStateException(relative + " not found under hedge.home ("
        + System.getProperty("hedge.home") + ") or the working directory"));
  }
}
