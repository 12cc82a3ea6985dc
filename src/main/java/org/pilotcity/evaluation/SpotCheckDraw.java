package org.pilotcity.evaluation;

import java.security.SecureRandom;
import java.util.function.DoubleSupplier;
import org.springframework.stereotype.Component;

/**
 * The random number (0 ≤ x < 1) the spot-check suggestion (DMN {@code spotCheckSuggestion}) draws for its
 * random share. The model records it as {@code randomDraw}, so every suggestion can be traced.
 */
@Component("spotCheckDraw")
public class SpotCheckDraw {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final DoubleSupplier source;

  public SpotCheckDraw() {
    this(RANDOM::nextDouble);
  }

  /** A fixed or scripted draw, for tests. */
  public SpotCheckDraw(DoubleSupplier source) {
    this.source = source;
  }

  public double next() {
    return source.getAsDouble();
  }
}
