package io.hedgestream.replaydata;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads an option-chain snapshot ({@code snapshot_date,contract,underlying,right,expiry,strike,bid,ask,...})
 * and validates it: the header, one snapshot date, unique contracts, right C or P, strike and reference
 * price &gt; 0, expiry after the snapshot, no bid above its ask, the row count and sha256.
 */
public final class OptionChainLoader {

  private OptionChainLoader() {}

  /**
   * Loads a dataset from a data directory, checked against its committed manifest.
   *
   * @param dir the data directory
   * @param dataset an {@code option-chain} dataset
   * @param verifySha256 whether the file's sha256 must equal the manifest's
   * @return the chain
   * @throws DataValidationException when the file is missing or differs from its manifest
   */
  public static OptionChain load(DataDirectory dir, Dataset dataset, boolean verifySha256) {
    dir.requireFiles(List.of(dataset));
    return load(dir.file(dataset), dataset.manifest(), verifySha256);
  }

  /**
   * Loads a file against a given manifest.
   *
   * @param file the CSV file
   * @param manifest what it must look like
   * @param verifySha256 whether the file's sha256 must equal the manifest's
   * @return the chain
   * @throws DataValidationException naming the file and what differs
   */
  public static OptionChain load(Path file, DatasetManifest manifest, boolean verifySha256) {
    CsvFile csv = CsvFile.read(file, manifest);
    List<OptionQuote> quotes = new ArrayList<>(csv.rowCount());
    Set<String> contracts = new HashSet<>();
    for (int row = 0; row < csv.rowCount(); row++) {
      OptionQuote quote = quote(csv, row);
      if (!contracts.add(quote.contract())) {
        throw new DataValidationException(file, "line " + (row + 2) + ": duplicate contract " + quote.contract());
      }
      if (!quotes.isEmpty() && !quote.snapshotDate().equals(quotes.get(0).snapshotDate())) {
        throw new DataValidationException(file, "line " + (row + 2) + ": snapshot date " + quote.snapshotDate()
            + " differs from the first row's " + quotes.get(0).snapshotDate());
      }
      if (!quote.expiry().isAfter(quote.snapshotDate()) || quote.bid() > quote.ask()) {
        throw new DataValidationException(file, "line " + (row + 2) + ": expiry must follow the snapshot and bid "
            + "must not exceed ask (" + quote.contract() + ")");
      }
      quotes.add(quote);
    }
    if (quotes.isEmpty()) {
      throw new DataValidationException(file, "has no data rows");
    }
    LocalDate day = quotes.get(0).snapshotDate();
    String sha = ManifestCheck.verify(file, manifest, quotes.size(), day, day, verifySha256);
    return new OptionChain(manifest.dataset(), file, sha, quotes);
  }

  private static OptionQuote quote(CsvFile csv, int row) {
    String right = csv.text(row, csv.column("right"));
    if (!right.equals("C") && !right.equals("P")) {
      throw new DataValidationException(csv.path(), csv.where(row, csv.column("right")) + " is '" + right
          + "', expected C or P");
    }
    return new OptionQuote(csv.date(row, csv.column("snapshot_date")), csv.text(row, csv.column("contract")),
        csv.text(row, csv.column("underlying")), right.equals("C"), csv.date(row, csv.column("expiry")),
        csv.positive(row, csv.column("strike")), csv.number(row, csv.column("bid")),
        csv.number(row, csv.column("ask")), csv.number(row, csv.column("last")),
        csv.number(row, csv.column("volume")), csv.number(row, csv.column("open_interest")),
        csv.number(row, csv.column("implied_vol")), csv.positive(row, csv.column("underlying_ref_price")));
  }
}
