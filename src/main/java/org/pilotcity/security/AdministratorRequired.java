package org.pilotcity.security;

import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.camunda.bpm.spring.boot.starter.property.AdminUserProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * In production nobody could log in to grant the first rights without a configured administrator,
 * so start-up stops before the engine touches the database.
 */
@Component
@Profile("postgres")
public class AdministratorRequired extends AbstractCamundaConfiguration {

  static final String MESSAGE = "No administrator configured for the postgres profile. Set "
      + "CAMUNDA_BPM_ADMINUSER_ID and CAMUNDA_BPM_ADMINUSER_PASSWORD (properties camunda.bpm.admin-user.id "
      + "and camunda.bpm.admin-user.password). 未配置系统管理员，应用无法启动。";

  @Override
  public void preInit(SpringProcessEngineConfiguration configuration) {
    AdminUserProperty admin = camundaBpmProperties.getAdminUser();
    if (admin == null || isBlank(admin.getId()) || isBlank(admin.getPassword())) {
      throw new IllegalStateException(MESSAGE);
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
