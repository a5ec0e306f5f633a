package io.hedgestream.feed.sabr;

import io.hedgestream.pricing.SabrSmile;
import java.util.random.RandomGenerator;

/**
 * The SABR underlying and vol on a fixed grid, exactly the discretisation of the trainer's
 * {@code simulate_sabr_market} (ANADDH eqs. 50-52 with mu = 0): with the lognormal local vol
 * {@code v = alpha * S^(beta - 1)} and independent standard normals {@code q_s, q_i},
 * <pre>
 *   q_v        = rho q_s + sqrt(1 - rho^2) q_i
 *   S'         = S exp(-v^2 dt / 2 + v sqrt(dt) q_s)
 *   alpha'     = alpha exp(-nu^2 dt / 2 + nu sqrt(dt) q_v)
 * </pre>
 * Both are martingales; {@code nu = 0} freezes alpha (CEV), and with {@code beta = 1} as well it is GBM.
 */
public final class SabrMarket {

  private final double beta;
  private final double rho;
  private final double nu;
  private final double dt;

  /**
   * A market with fixed parameters.
   *
   * @param beta CEV exponent in [0, 1]
   * @param rho correlation of the spot and vol shocks, in (-1, 1)
   * @param nu vol of vol, &gt;= 0
   * @param dtYears the step in years, &gt; 0
   */
  public SabrMarket(double beta, double rho, double nu, double dtYears) {
    if (!(beta >= 0 && beta <= 1) || !(rho > -1 && rho < 1) || !(nu >= 0) || !(dtYears > 0)) {
      throw new IllegalArgumentException("need beta in [0, 1], rho in (-1, 1), nu >= 0, dt > 0");
    }
    this.beta = beta;
    this.rho = rho;
    this.nu = nu;
    this.dt = dtYears;
  }

  /** The market of the scenario's settings. */
  public static SabrMarket of(SabrBookSettings settings) {
    return new SabrMarket(settings.beta(), settings.rho(), settings.volOfVol(), settings.dtYears());
  }

  /**
   * Spot and SABR alpha at one grid point.
   *
   * @param spot underlying price, &gt; 0
   * @param alpha SABR alpha, &gt; 0
   */
  public record State(double spot, double alpha) {}

  /** The state one step after {@code state}; draws {@code q_s} then {@code q_i} from {@code random}. */
  public State step(State state, RandomGenerator random) {
    double qs = random.nextGaussian();
    double qi = random.nextGaussian();
    double qv = rho * qs + Math.sqrt(1 - rho * rho) * qi;
    double local = state.alpha() * Math.pow(state.spot(), beta - 1);
    double sqrtDt = Math.sqrt(dt);
    double spot = state.spot() * Math.exp(-0.5 * local * local * dt + local * sqrtDt * qs);
    double alpha = state.alpha() * Math.exp(-0.5 * nu * nu * dt + nu * sqrtDt * qv);
    return new State(spot, alpha);
  }

  /** The smile of {@code state}: its alpha with this market's beta, rho and nu. */
  public SabrSmile smile(State state) {
    return new SabrSmile(state.alpha(), beta, rho, nu);
  }
}
