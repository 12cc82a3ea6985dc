package org.pilotcity.organization;

/**
 * A department role (部门), seeded as a Camunda group and used as candidate group in the models.
 * UNIT departments work inside one applicant unit; the ministry sees all units.
 */
public record Department(String id, String nameZh, Scope scope) {
  public enum Scope { UNIT, CITY, MINISTRY, SYSTEM }
}
