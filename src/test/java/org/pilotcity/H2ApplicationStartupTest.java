package org.pilotcity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pilotcity.organization.DemoUsers;

/** The development set-up: default profile, H2 file database, demo users. */
class H2ApplicationStartupTest extends ApplicationStartupContract {

  @TempDir
  static Path dataDir;

  @Override
  String profile() {
    return null;
  }

  @Override
  Map<String, String> properties() {
    return Map.of("spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("pilot-city") + ";DB_CLOSE_ON_EXIT=FALSE");
  }

  @Override
  String[] administrator() {
    return new String[] {"admin", "admin"};
  }

  @Override
  boolean expectsDemoUsers() {
    return true;
  }

  @Test
  void dataSurvivesInTheFileDatabase() {
    assertThat(dataDir.resolve("pilot-city.mv.db")).exists();
  }

  @Test
  void demoOfficialsBelongToTheirUnitAndDepartment() {
    IdentityService identity = app.engine().getIdentityService();
    assertThat(identity.checkPassword("lnFinance", DemoUsers.PASSWORD)).isTrue();
    assertThat(identity.createUserQuery().userId("lnFinance").singleResult().getFirstName()).isEqualTo("王建国");
    assertThat(identity.createUserQuery().memberOfGroup("provincialFinance").count()).isEqualTo(3);
    assertThat(identity.createUserQuery().memberOfGroup("cityFinance").memberOfTenant("610000").count()).isEqualTo(2);
    assertThat(identity.createUserQuery().memberOfTenant("210200").count()).isEqualTo(12);
    assertThat(identity.createGroupQuery().groupId("city210100").singleResult().getName()).isEqualTo("沈阳市财政局");
    assertThat(identity.createUserQuery().memberOfGroup("city210100").list()).extracting(u -> u.getId())
        .containsExactly("lnShenyang");
    assertThat(identity.createTenantQuery().userMember("mofUser").includingGroupsOfUser(true).count()).isEqualTo(37);
    assertThat(identity.createTenantQuery().userMember("lnFinance").includingGroupsOfUser(true).list())
        .extracting(t -> t.getId()).containsExactly("210000");
  }
}
