package org.pilotcity.organization;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Turns the organization data into engine identity at every start: one tenant per applicant unit plus
 * the ministry, one group per department, the ministry group in every tenant, and the grants of
 * authorizations.csv. Each step first looks for what it would create, so a restart changes nothing.
 */
@Component
@Order(OrganizationSeeder.ORDER)
public class OrganizationSeeder extends AbstractCamundaConfiguration {

  static final int ORDER = 100;
  private static final Logger LOG = LoggerFactory.getLogger(OrganizationSeeder.class);

  private final Organization organization;

  public OrganizationSeeder(Organization organization) {
    this.organization = organization;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    seed(engine);
  }

  public void seed(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    for (ApplicantUnit unit : organization.units()) {
      ensureTenant(identity, unit.code(), unit.nameZh());
    }
    ensureTenant(identity, Organization.MINISTRY_TENANT, Organization.MINISTRY_TENANT_NAME);
    for (Department department : organization.departments()) {
      ensureGroup(identity, department);
    }
    for (Tenant tenant : identity.createTenantQuery().list()) {
      if (identity.createTenantQuery().tenantId(tenant.getId()).groupMember("mof").count() == 0) {
        identity.createTenantGroupMembership(tenant.getId(), "mof");
      }
    }
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    for (Map<String, String> grant : organization.grants()) {
      ensureGrant(engine.getAuthorizationService(), configuration, grant);
    }
    LOG.info("Organization seeded: {} applicant units, {} departments", organization.units().size(),
        organization.departments().size());
  }

  private static void ensureTenant(IdentityService identity, String id, String name) {
    if (identity.createTenantQuery().tenantId(id).count() == 0) {
      Tenant tenant = identity.newTenant(id);
      tenant.setName(name);
      identity.saveTenant(tenant);
    }
  }

  private static void ensureGroup(IdentityService identity, Department department) {
    Group group = identity.createGroupQuery().groupId(department.id()).singleResult();
    if (group == null) {
      group = identity.newGroup(department.id());
    } else if (department.nameZh().equals(group.getName())) {
      return;
    }
    // the admin-user starter creates camunda-admin with an English name; officials read Chinese
    group.setName(department.nameZh());
    group.setType(department.scope() == Department.Scope.SYSTEM ? "SYSTEM" : "WORKFLOW");
    identity.saveGroup(group);
  }

  private static void ensureGrant(AuthorizationService authorizations, ProcessEngineConfigurationImpl configuration,
      Map<String, String> grant) {
    String groupId = grant.get("group");
    Resource resource = Resources.valueOf(grant.get("resource"));
    String resourceId = grant.get("resource_id");
    List<Permission> permissions = Arrays.stream(grant.get("permissions").split("\\s+"))
        .map(name -> configuration.getPermissionProvider().getPermissionForName(name, resource.resourceType()))
        .toList();
    boolean exists = authorizations.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).count() > 0;
    if (exists) {
      return; // an administrator may have narrowed it in Admin: a restart does not widen it again
    }
    Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    authorization.setGroupId(groupId);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    permissions.forEach(authorization::addPermission);
    authorizations.saveAuthorization(authorization);
  }
}
