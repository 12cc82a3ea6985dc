package org.pilotcity.organization;

import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/** Installs {@link UnitTenantIdProvider} in the engine. */
@Component
public class TenantAssignment extends AbstractCamundaConfiguration {
  @Override
  public void preInit(SpringProcessEngineConfiguration configuration) {
    configuration.setTenantIdProvider(new UnitTenantIdProvider());
  }
}
