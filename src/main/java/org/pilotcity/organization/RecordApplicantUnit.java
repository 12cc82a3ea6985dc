package org.pilotcity.organization;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Records whose work an instance is — the applicant unit's code and Chinese name — so that Tasklist
 * lists and Cockpit show it without looking up tenant ids.
 */
@Component("recordApplicantUnit")
public class RecordApplicantUnit implements ExecutionListener {

  private final Organization organization;

  public RecordApplicantUnit(Organization organization) {
    this.organization = organization;
  }

  @Override
  public void notify(DelegateExecution execution) {
    organization.unit(execution.getTenantId()).ifPresent(unit -> {
      execution.setVariable(UnitTenantIdProvider.UNIT_VARIABLE, unit.code());
      execution.setVariable("applicantUnitName", unit.nameZh());
    });
  }
}
