package org.pilotcity.selection;

import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Runs engine queries of the process itself (other instances of the unit, the unit's reviewers, the
 * deployed catalogue) without the authorization and tenant checks of the user whose action moved the
 * process on: the process needs to see these whatever the user may see. Restores the checks afterwards.
 */
final class WithoutChecks {

  private WithoutChecks() {}

  static <T> T call(Supplier<T> work) {
    CommandContext context = Context.getCommandContext();
    if (context == null) {
      return work.get();
    }
    boolean authorization = context.isAuthorizationCheckEnabled();
    boolean tenant = context.isTenantCheckEnabled();
    context.disableAuthorizationCheck();
    context.disableTenantCheck();
    try {
      return work.get();
    } finally {
      if (authorization) {
        context.enableAuthorizationCheck();
      }
      if (tenant) {
        context.enableTenantCheck();
      }
    }
  }
}
