package io.hedgestream.replaydata;

/** The datasets replay knows, each with its committed manifest ({@code replay-data/manifests/<name>.json}). */
public enum Dataset {
  /** SPY daily OHLC, raw and adjusted close, volume (Yahoo Finance). */
  SPY_DAILY("spy-daily"),
  /** CBOE VIX daily OHLC (empty volume). */
  VIX_DAILY("vix-daily"),
  /** S&P 500 index (^GSPC) daily OHLCV. */
  GSPC_DAILY("gspc-daily"),
  /** 3-month T-bill secondary-market rate, FRED DTB3, percent on a discount basis. */
  DTB3_DAILY("dtb3-daily"),
  /** One SPY option-chain snapshot (Yahoo Finance, 2019-09-06 about midday). */
  SPY_OPTION_CHAIN_20190906("spy-option-chain-20190906");

  private final String manifestName;
  private volatile DatasetManifest manifest;

  Dataset(String manifestName) {
    this.manifestName = manifestName;
  }

  /** The manifest's name (its file is {@code <name>.json}). */
  public String manifestName() {
    return manifestName;
  }

  /** The committed manifest, read from the classpath once. */
  public DatasetManifest manifest() {
    DatasetManifest loaded = manifest;
    if (loaded == null) {
      loaded = DatasetManifest.fromClasspath(manifestName);
      manifest = loaded;
    }
    return loaded;
  }

  /** The file name the manifest expects in a data directory. */
  public String fileName() {
    return manifest().file();
  }
}
