package org.pilotcity.organization;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The organization model as data: the applicant units (reference/applicant-units.csv) and the
 * department roles (departments.csv). Everything the engine's identity holds is seeded from here.
 */
@Component
public class Organization {

  /** The ministry's tenant: ministry users see the work of every unit. */
  public static final String MINISTRY_TENANT = "mof";
  public static final String MINISTRY_TENANT_NAME = "财政部";
  public static final String ADMIN_GROUP = "camunda-admin";
  /**
   * Group type of a city's own group, id "city" + the city's administrative-division code (city210100).
   * Cities are finer than tenants: only the city's own users are in it. Administrators create one per city.
   */
  public static final String CITY_GROUP_TYPE = "CITY";

  private final List<ApplicantUnit> units;
  private final List<Department> departments;

  public Organization() {
    this.units = DataFile.read("organization/applicant-units.csv").stream()
        .map(r -> new ApplicantUnit(r.get("code"), r.get("name_zh"), r.get("name_en"), r.get("kind")))
        .toList();
    this.departments = DataFile.read("organization/departments.csv").stream()
        .map(r -> new Department(r.get("id"), r.get("name_zh"), Department.Scope.valueOf(r.get("scope"))))
        .toList();
  }

  public List<ApplicantUnit> units() {
    return units;
  }

  public Optional<ApplicantUnit> unit(String code) {
    return units.stream().filter(u -> u.code().equals(code)).findFirst();
  }

  public List<Department> departments() {
    return departments;
  }

  public Optional<Department> department(String id) {
    return departments.stream().filter(d -> d.id().equals(id)).findFirst();
  }

  /** Rows of the authorizations file: group, resource, resource_id, permissions; one row per grant. */
  public List<Map<String, String>> grants() {
    List<Map<String, String>> rows = DataFile.read("organization/authorizations.csv");
    Set<String> seen = new HashSet<>();
    for (Map<String, String> row : rows) {
      String grant = row.get("group") + " " + row.get("resource") + " " + row.get("resource_id");
      if (!seen.add(grant)) {
        throw new IllegalStateException("organization/authorizations.csv lists " + grant + " twice: merge the rows");
      }
    }
    return rows;
  }
}
