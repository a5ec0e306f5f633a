package io.hedgestream.replaydata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * The file-level checks every loader runs after its row checks: row count, first and last date, and the
 * sha256 of the bytes (last, so that a more specific error wins; a file whose rows all pass but whose bytes
 * differ is still refused, since replay results must name the exact data they came from).
 */
public final class ManifestCheck {

  private ManifestCheck() {}

  /**
   * The sha256 of a file, lower-case hex.
   *
   * @param file the file
   * @return its digest
   * @throws DataValidationException when the file cannot be read
   */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new DataValidationException(file, "cannot read: " + e, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Checks rows, span and (when asked) the sha256 against the manifest.
   *
   * @param file the file
   * @param manifest its manifest
   * @param rows data rows read
   * @param first the first row's date
   * @param last the last row's date
   * @param verifySha256 whether to compare the digest (false accepts a user's fresher download that passes
   *     every other check)
   * @return the file's sha256
   * @throws DataValidationException naming what differs
   */
  static String verify(Path file, DatasetManifest manifest, long rows, LocalDate first, LocalDate last,
      boolean verifySha256) {
    if (rows != manifest.rows()) {
      throw new DataValidationException(file, "has " + rows + " data rows but manifest " + manifest.dataset()
          + " expects " + manifest.rows());
    }
    if (!first.equals(manifest.firstDate()) || !last.equals(manifest.lastDate())) {
      throw new DataValidationException(file, "spans " + first + " .. " + last + " but manifest "
          + manifest.dataset() + " expects " + manifest.firstDate() + " .. " + manifest.lastDate());
    }
    String sha = sha256(file);
    if (verifySha256 && !sha.equalsIgnoreCase(manifest.sha256())) {
      throw new DataValidationException(file, "sha256 is " + sha + " but manifest " + manifest.dataset()
          + " expects " + manifest.sha256() + ": the file is not the one the manifest describes "
          + "(edited or downloaded again); see replay-data/README.md");
    }
    return sha;
  }

  /**
   * Checks that each date is after the previous one.
   *
   * @throws DataValidationException naming the line and both dates (duplicate or descending)
   */
  static void requireAfter(CsvFile csv, int row, LocalDate previous, LocalDate date) {
    if (previous != null && !date.isAfter(previous)) {
      String problem = date.equals(previous) ? "duplicate date " + date
          : "date " + date + " is before the previous row's " + previous + " (dates must ascend)";
      throw new DataValidationException(csv.path(), "line " + (row + 2) + ": " + problem);
    }
  }
}
