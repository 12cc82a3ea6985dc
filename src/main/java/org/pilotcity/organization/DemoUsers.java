package org.pilotcity.organization;

import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo officials of Liaoning, Shaanxi, Dalian and the ministry (demo-users.csv), all with password
 * {@value #PASSWORD}; city finance bureaus also get their city's group (e.g. city210100 沈阳市财政局). Only in the default (development) profile: production has no demo user.
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
      String cityGroup = row.get("city_group");
      if (!cityGroup.isEmpty()) {
        ensureCityGroup(identity, cityGroup, row.get("city_name"));
        if (identity.createGroupQuery().groupId(cityGroup).groupMember(id).count() == 0) {
          identity.createMembership(id, cityGroup);
        }
      }
      String unit = row.get("unit");
      if (!unit.isEmpty() && identity.createTenantQuery().tenantId(unit).userMember(id).count() == 0) {
        identity.createTenantUserMembership(unit, id);
      }
    }
  }

  /** A city's own group ("city" + division code): its finance bureau's work is seen by no other city. */
  private static void ensureCityGroup(IdentityService identity, String id, String name) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType(Organization.CITY_GROUP_TYPE);
      identity.saveGroup(group);
    }
  }
}
