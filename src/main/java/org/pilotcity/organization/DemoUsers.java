package org.pilotcity.organization;

import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo officials of Liaoning, Shaanxi, Dalian and the ministry (demo-users.csv), all with password
 * {@value #PASSWORD}. Only in the default (development) profile: production has no demo user.
 */
@Component
@Profile("default")
@Order(OrganizationSeeder.ORDER + 10)
public class DemoUsers extends AbstractCamundaConfiguration {

  public static final String PASSWORD = "demo";

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    seed(engine);
  }

  public void seed(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    for (Map<String, String> row : DataFile.read("organization/demo-users.csv")) {
      String id = row.get("id");
      if (identity.createUserQuery().userId(id).count() == 0) {
        User user = identity.newUser(id);
        user.setFirstName(row.get("name"));
        user.setLastName(row.get("organization"));
        user.setEmail(id + "@pilot-city.example");
        user.setPassword(PASSWORD);
        identity.saveUser(user);
      }
      String group = row.get("department");
      if (identity.createGroupQuery().groupId(group).groupMember(id).count() == 0) {
        identity.createMembership(id, group);
      }
      String unit = row.get("unit");
      if (!unit.isEmpty() && identity.createTenantQuery().tenantId(unit).userMember(id).count() == 0) {
        identity.createTenantUserMembership(unit, id);
      }
    }
  }
}
