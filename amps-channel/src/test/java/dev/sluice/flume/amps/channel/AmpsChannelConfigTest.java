/*
 * Copyright 2026 The Sluice Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.sluice.flume.amps.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.common.config.InvalidConfigurationException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flume.Context;
import org.junit.jupiter.api.Test;

class AmpsChannelConfigTest {
  static Map<String, String> minimal() {
    Map<String, String> p = new HashMap<>();
    p.put("clientName", "agent1-ch");
    p.put("uri", "tcp://127.0.0.1:9007/amps/json");
    p.put("topic", "flume-channel");
    p.put("bookmarkLog", "/var/lib/flume/ch.bookmarks");
    return p;
  }

  @Test
  void theMinimalConfigurationGetsTheDocumentedDefaults() {
    AmpsChannelConfig c = AmpsChannelConfig.parse("ch", new Context(minimal()));
    assertEquals(10_000, c.capacity);
    assertEquals(1_000, c.transactionCapacity);
    assertEquals(30_000L, c.putTimeoutMillis);
    assertEquals(500L, c.pollTimeoutMillis);
    assertEquals("ch", c.subscriptionId, "the subscription id defaults to the channel's name");
    assertEquals("agent1-ch-put", c.putClientName());
    assertEquals("agent1-ch-take", c.takeClientName());
  }

  @Test
  void everyProblemIsReportedTogetherNamingKeyValueAndWhatIsAllowed() {
    Map<String, String> p = minimal();
    p.remove("topic");
    p.remove("bookmarkLog");
    p.put("capacity", "lots");
    p.put("putTimeout", "-1");
    p.put("uri", "tcp://ops:Secret-pw@127.0.0.1:9007/json");
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class,
            () -> AmpsChannelConfig.parse("ch", new Context(p)));
    String m = e.getMessage();
    assertTrue(m.contains("channel 'ch' (amps-channel)"), m);
    assertTrue(m.contains("topic"), m);
    assertTrue(m.contains("bookmarkLog"), m);
    assertTrue(m.contains("capacity = 'lots'"), m);
    assertTrue(m.contains("putTimeout = '-1'"), m);
    assertTrue(m.contains("the path must be /amps/<message type>"), m);
    assertFalse(m.contains("Secret-pw"), "the password is masked: " + m);
  }

  @Test
  void transactionCapacityAboveCapacityIsRefused() {
    Map<String, String> p = minimal();
    p.put("capacity", "100");
    p.put("transactionCapacity", "101");
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class,
            () -> AmpsChannelConfig.parse("ch", new Context(p)));
    assertTrue(
        e.getMessage().contains("transactionCapacity = '101': must be at most capacity (100)"),
        e.getMessage());
  }

  @Test
  void aTopicRegexIsRefused() {
    Map<String, String> p = minimal();
    p.put("topic", "orders.*");
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class,
            () -> AmpsChannelConfig.parse("ch", new Context(p)));
    assertTrue(e.getMessage().contains("must be one topic name"), e.getMessage());
  }

  @Test
  void aClientFactoryClassThatCannotBeLoadedIsRefusedByName() {
    Map<String, String> p = minimal();
    p.put("clientFactoryClass", "com.example.Factory");
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class,
            () -> AmpsChannelConfig.parse("ch", new Context(p)));
    assertTrue(
        e.getMessage().contains("clientFactoryClass = 'com.example.Factory'"), e.getMessage());
  }

  @Test
  void aTypoIsAnErrorUnderStrictConfigWithASuggestion() {
    Map<String, String> p = minimal();
    p.put("strictConfig", "true");
    p.put("putTimout", "5000");
    InvalidConfigurationException e =
        assertThrows(
            InvalidConfigurationException.class,
            () -> AmpsChannelConfig.parse("ch", new Context(p)));
    assertTrue(e.getMessage().contains("did you mean 'putTimeout'?"), e.getMessage());
  }
}
