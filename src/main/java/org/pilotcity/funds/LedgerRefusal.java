package org.pilotcity.funds;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A money record the ledger will not write: the message says why, in Chinese with the English in
 * parentheses. A bad request, so REST answers 400 and Tasklist shows the reason; nothing is recorded.
 */
public class LedgerRefusal extends BadUserRequestException {

  public LedgerRefusal(String chinese, String english) {
    super(chinese + " (" + english + ")");
  }
}
