package org.pilotcity.rules;

import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * The engine wraps every exception of a decision evaluation into "Exception while evaluating decision
 * with key '…'", which names neither the input nor its value (and that outer message is all that the REST
 * API shows). This outermost command interceptor hands the caller the {@link NoMatchingRuleException}
 * itself instead; all other exceptions pass unchanged.
 */
public class NoMatchingRuleUnwrapper extends CommandInterceptor {

  private static final int MAX_DEPTH = 16;

  @Override
  public <T> T execute(Command<T> command) {
    try {
      return next.execute(command);
    } catch (RuntimeException e) {
      NoMatchingRuleException noMatch = find(e);
      throw noMatch != null ? noMatch : e;
    }
  }

  static NoMatchingRuleException find(Throwable e) {
    Throwable t = e;
    for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
      if (t instanceof NoMatchingRuleException noMatch) {
        return noMatch;
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return null;
  }
}
