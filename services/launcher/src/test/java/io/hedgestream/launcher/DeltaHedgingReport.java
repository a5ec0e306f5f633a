package io.hedgestream.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The study's figures as a small table for the build log and as JSON for the record.
 *
 * @param setup the study
 * @param hedged engine: final PnL of the delta-hedged books
 * @param unhedged engine: final PnL of the unhedged books
 * @param offline offline replica of the hedged book on independent paths (the approximation check)
 * @param dermanKamal Derman-Kamal std prediction for the book
 * @param dermanKamalBound bound on Derman-Kamal's own error at this N, from {@code offline}
 * @param unhedgedExact exact std of the unhedged book's PnL
 * @param maxLedgerError largest |engine - replica| over the paths, money
 * @param wallSeconds wall time of the run through the broker
 */
record DeltaHedgingReport(DeltaHedgingSetup setup, DeltaHedgingSample hedged, DeltaHedgingSample unhedged,
    DeltaHedgingSample offline, double dermanKamal, double dermanKamalBound, double unhedgedExact,
    double maxLedgerError, double wallSeconds) {

  /** The table printed to stdout. */
  String table() {
    return String.format(Locale.ROOT, """
        Delta-hedging error through the real broker: short %s ATM calls x %s, S0=%s, vol=%s, T=%d days, N=%d daily hedges
          paths                          %8d            (offline replica: %d paths)
          hedged std (engine)            %10.3f  +- %.3f (1 SE, kurtosis %.2f)
          Derman-Kamal prediction        %10.3f           ratio engine/DK %.4f (offline replica/DK %.4f, DK error bound %.1f%%)
          unhedged std (engine)          %10.3f  +- %.3f (1 SE, kurtosis %.2f)
          unhedged std (exact)           %10.3f           ratio %.4f
          max |engine - replica| PnL     %10.3e
          wall time                      %10.1f s
        """, fmt(setup.contracts()), fmt(setup.multiplier()), fmt(setup.spot0()), fmt(setup.vol()), setup.days(),
        setup.days(), hedged.n(), offline.n(), hedged.std(), hedged.stdError(), hedged.kurtosis(), dermanKamal,
        hedged.std() / dermanKamal, offline.std() / dermanKamal, 100 * dermanKamalBound / dermanKamal,
        unhedged.std(), unhedged.stdError(), unhedged.kurtosis(), unhedgedExact, unhedged.std() / unhedgedExact,
        maxLedgerError, wallSeconds);
  }

  /** The figures as a JSON object. */
  String json() {
    return String.format(Locale.ROOT, """
        {
          "study": {"contracts": %s, "multiplier": %s, "spot0": %s, "strike": %s, "vol": %s, "days": %d,
                    "hedgesPerPath": %d, "lotSize": %s, "rate": 0, "dividendYield": 0, "feeBps": 0, "spread": 0},
          "paths": %d,
          "hedged": {"std": %.6f, "stdError": %.6f, "kurtosis": %.4f, "mean": %.6f},
          "dermanKamal": {"std": %.6f, "ratio": %.6f, "approximationErrorBound": %.6f},
          "offlineReplica": {"paths": %d, "std": %.6f, "stdError": %.6f, "ratioToDermanKamal": %.6f},
          "unhedged": {"std": %.6f, "stdError": %.6f, "kurtosis": %.4f, "mean": %.6f,
                       "exactStd": %.6f, "ratio": %.6f},
          "maxLedgerError": %.3e,
          "wallSeconds": %.1f
        }
        """, fmt(setup.contracts()), fmt(setup.multiplier()), fmt(setup.spot0()), fmt(setup.strike()),
        fmt(setup.vol()), setup.days(), setup.days(), fmt(setup.lotSize()), hedged.n(), hedged.std(),
        hedged.stdError(), hedged.kurtosis(), hedged.mean(), dermanKamal, hedged.std() / dermanKamal,
        dermanKamalBound, offline.n(), offline.std(), offline.stdError(), offline.std() / dermanKamal,
        unhedged.std(), unhedged.stdError(), unhedged.kurtosis(), unhedged.mean(), unhedgedExact,
        unhedged.std() / unhedgedExact, maxLedgerError, wallSeconds);
  }

  /** Writes {@link #json()} to {@code file}, creating its directory. */
  void writeJson(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, json());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static String fmt(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
        : Double.toString(value);
  }
}
