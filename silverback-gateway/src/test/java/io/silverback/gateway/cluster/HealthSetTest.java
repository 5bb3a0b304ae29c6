package io.silverback.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A health set as it travels between nodes. */
class HealthSetTest {
  @ParameterizedTest
  @ValueSource(strings = {"", "10.0.0.1:8000", "[::1]:80"})
  void readsBackWhatItWrote(String address) {
    HealthSet set = new HealthSet("6d1f2e8a-1111-4c39-9f0e-2f6c9d1b7a11", "up|pipes", "svc.test:80",
        address.isEmpty() ? null : address, address.isEmpty());

    assertThat(HealthSet.parse(set.json())).isEqualTo(set);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[", "null", "{}", "{\"upstream_id\":\"u\",\"target\":\"t:80\"}",
      "{\"upstream_id\":\"u\",\"target\":\"t:80\",\"healthy\":\"yes\"}", "{\"upstream_id\":1,\"target\":\"t\",\"healthy\":true}"})
  void refusesDataThatIsNotAHealthSet(String data) {
    assertThatThrownBy(() -> HealthSet.parse(data)).isInstanceOf(IllegalArgumentException.class);
  }
}
