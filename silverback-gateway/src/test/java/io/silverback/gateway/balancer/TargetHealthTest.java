package io.silverback.gateway.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.gateway.balancer.TargetHealth.Counter;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** lua-resty-healthcheck's counting, as Kong's passive and active checks use it. */
class TargetHealthTest {
  /** successes 2, http_failures 3, tcp_failures 2, timeouts 1. */
  private static final Checks RULES = new Checks(Set.of(200, 302), 2, Set.of(500, 503), 3, 2, 1);

  @Test
  void becomesUnhealthyWhenHttpFailuresReachTheirThreshold() {
    TargetHealth h = new TargetHealth();
    assertThat(h.reportStatus(500, RULES)).isFalse();
    assertThat(h.reportStatus(503, RULES)).isFalse();
    assertThat(h.available()).isTrue();
    assertThat(h.reportStatus(500, RULES)).isTrue();
    assertThat(h.available()).isFalse();
  }

  @Test
  void aSuccessClearsTheFailureCounters() {
    TargetHealth h = new TargetHealth();
    h.reportStatus(500, RULES);
    h.reportStatus(500, RULES);
    h.reportStatus(200, RULES);
    h.reportStatus(500, RULES);
    h.reportStatus(500, RULES);
    assertThat(h.available()).isTrue();
    h.reportStatus(500, RULES);
    assertThat(h.available()).isFalse();
  }

  @Test
  void eachFailureKindCountsAgainstItsOwnThreshold() {
    TargetHealth tcp = new TargetHealth();
    tcp.count(Counter.TCP_FAILURE, RULES.tcpFailures());
    assertThat(tcp.available()).isTrue();
    tcp.count(Counter.TCP_FAILURE, RULES.tcpFailures());
    assertThat(tcp.available()).isFalse();

    TargetHealth timeout = new TargetHealth();
    timeout.count(Counter.TIMEOUT, RULES.timeouts());
    assertThat(timeout.available()).isFalse();
  }

  @Test
  void recoversAfterEnoughSuccessesAndStaysUnavailableUntilThen() {
    TargetHealth h = new TargetHealth();
    h.set(false);
    assertThat(h.reportStatus(200, RULES)).isFalse();
    assertThat(h.available()).isFalse();
    assertThat(h.probedAsHealthy()).isFalse();
    assertThat(h.reportStatus(200, RULES)).isTrue();
    assertThat(h.available()).isTrue();
  }

  @Test
  void aZeroThresholdSwitchesItsCounterOff() {
    Checks noHttp = new Checks(Set.of(200), 0, Set.of(500), 0, 1, 1);
    TargetHealth h = new TargetHealth();
    for (int i = 0; i < 300; i++) {
      h.reportStatus(500, noHttp);
    }
    assertThat(h.available()).isTrue();
    h.set(false);
    for (int i = 0; i < 300; i++) {
      h.reportStatus(200, noHttp);
    }
    assertThat(h.available()).isFalse();
  }

  @Test
  void statusesInNeitherListAreNeutralAndDoNotFreezeTheCountersIssue15001() {
    TargetHealth h = new TargetHealth();
    h.reportStatus(500, RULES);
    h.reportStatus(401, RULES);
    h.reportStatus(500, RULES);
    h.reportStatus(404, RULES);
    assertThat(h.available()).isTrue();
    h.reportStatus(503, RULES);
    assertThat(h.available()).isFalse();

    h.reportStatus(200, RULES);
    h.reportStatus(401, RULES);
    h.reportStatus(401, RULES);
    assertThat(h.available()).isFalse();
    h.reportStatus(200, RULES);
    assertThat(h.available()).isTrue();
  }

  @Test
  void settingHealthClearsTheCounters() {
    TargetHealth h = new TargetHealth();
    h.reportStatus(500, RULES);
    h.reportStatus(500, RULES);
    h.set(true);
    h.reportStatus(500, RULES);
    h.reportStatus(500, RULES);
    assertThat(h.available()).isTrue();
  }

  @Test
  void aResponseWithoutAStatusCountsAsAnHttpFailure() {
    TargetHealth h = new TargetHealth();
    h.reportStatus(0, RULES);
    h.reportStatus(0, RULES);
    h.reportStatus(0, RULES);
    assertThat(h.available()).isFalse();
  }
}
