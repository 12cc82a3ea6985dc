package org.pilotcity.organization;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;

/**
 * Puts every process instance into the tenant of its applicant unit, so that officials of one unit
 * never see another unit's work. The unit comes from the variable {@code applicantUnitCode}, else
 * from the calling instance, else from the starting user when that user belongs to exactly one unit.
 * What a ministry user starts without naming a unit (a national program year) has no tenant: only its
 * children — one per unit — must be in the units' tenants, and the engine gives a called instance its
 * caller's tenant whenever the caller has one. Grants on such definitions are for the ministry only.
 * A user may not start work for a unit they do not belong to.
 */
public class UnitTenantIdProvider implements TenantIdProvider {

  public static final String UNIT_VARIABLE = "applicantUnitCode";

  @Override
  public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext ctx) {
    Object requested = ctx.getVariables() == null ? null : ctx.getVariables().get(UNIT_VARIABLE);
    Authentication auth = Context.getCommandContext().getAuthentication();
    if (requested != null && !requested.toString().isBlank()) {
      String unit = requested.toString();
      if (auth != null && !mayActFor(auth, unit)) {
        throw new BadUserRequestException(String.format(
            "无权为申报单位 %s 发起流程：用户 %s 不属于该单位。 (user %s is not a member of applicant unit %s)",
            unit, auth.getUserId(), auth.getUserId(), unit));
      }
      return unit;
    }
    if (ctx.getSuperExecution() != null) {
      return ctx.getSuperExecution().getTenantId();
    }
    if (auth != null && auth.getTenantIds() != null && auth.getTenantIds().size() == 1) {
      return auth.getTenantIds().get(0);
    }
    return null;
  }

  private static boolean mayActFor(Authentication auth, String unit) {
    List<String> tenants = auth.getTenantIds();
    List<String> groups = auth.getGroupIds();
    return (tenants != null && tenants.contains(unit))
        || (groups != null && groups.contains(Organization.ADMIN_GROUP));
  }

  @Override
  public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext ctx) {
    return null;
  }

  @Override
  public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext ctx) {
    return ctx.getExecution() != null ? ctx.getExecution().getTenantId() : null;
  }
}
