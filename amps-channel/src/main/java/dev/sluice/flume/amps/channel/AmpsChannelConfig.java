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

import dev.sluice.flume.amps.client.AmpsClientSettings;
import dev.sluice.flume.common.config.ConfigReader;
import dev.sluice.flume.common.log.CredentialRedactor;
import java.util.List;
import java.util.Map;
import org.apache.flume.Context;

/** Every key of amps-channel, parsed and checked once; see docs/amps-channel.md. */
final class AmpsChannelConfig {
  static final String TOPIC = "topic";
  static final String BOOKMARK_LOG = "bookmarkLog";
  static final String SUBSCRIPTION_ID = "subscriptionId";
  static final String CAPACITY = "capacity";
  static final String TRANSACTION_CAPACITY = "transactionCapacity";
  static final String PUT_TIMEOUT = "putTimeout";
  static final String POLL_TIMEOUT = "pollTimeout";

  static final String PLUGIN_DIRECTORY = "sluice-amps-channel";

  /** Suffixes of the two clients' names: AMPS needs one name per connection. */
  static final String PUT_SUFFIX = "-put";

  static final String TAKE_SUFFIX = "-take";

  final String channelName;
  final AmpsClientSettings client;
  final CredentialRedactor redactor;
  final String topic;
  final String bookmarkLog;
  final String subscriptionId;
  final int capacity;
  final int transactionCapacity;
  final long putTimeoutMillis;
  final long pollTimeoutMillis;

  /** Each key read with a default, as a user would write it (for the docs test). */
  final Map<String, String> defaults;

  private AmpsChannelConfig(String channelName, ConfigReader r, Context context) {
    this.channelName = channelName;
    this.client = AmpsClientSettings.read(r, context, PLUGIN_DIRECTORY);
    this.redactor = client.redactor;
    this.topic = r.requiredString(TOPIC, "the AMPS topic that holds this channel's events");
    this.bookmarkLog =
        r.requiredString(
            BOOKMARK_LOG,
            "a file for the channel's bookmark store (where taking resumes after a restart)");
    String subId = r.optionalString(SUBSCRIPTION_ID);
    this.subscriptionId = subId != null ? subId.trim() : channelName;
    this.capacity = r.intInRange(CAPACITY, 10_000, 1, 10_000_000);
    this.transactionCapacity = r.intInRange(TRANSACTION_CAPACITY, 1_000, 1, 10_000_000);
    this.putTimeoutMillis = r.durationMillis(PUT_TIMEOUT, 30_000L, 1L, 3_600_000L);
    this.pollTimeoutMillis = r.durationMillis(POLL_TIMEOUT, 500L, 0L, 60_000L);
    if (transactionCapacity > capacity) {
      r.problem(
          TRANSACTION_CAPACITY,
          Integer.toString(transactionCapacity),
          "must be at most capacity (" + capacity + ")");
    }
    if (topic != null && (topic.contains("*") || topic.contains("^") || topic.contains("("))) {
      r.problem(TOPIC, topic, "must be one topic name, not a regular expression");
    }
    r.bool(ConfigReader.STRICT_CONFIG, false); // read again by finish(): here for defaults()
    this.defaults = r.defaults();
  }

  /**
   * Parses and checks every key.
   *
   * @throws dev.sluice.flume.common.config.InvalidConfigurationException listing every problem
   */
  static AmpsChannelConfig parse(String channelName, Context context) {
    ConfigReader r = new ConfigReader("channel", channelName, "amps-channel", context);
    AmpsChannelConfig c = new AmpsChannelConfig(channelName, r, context);
    r.finish(c.redactor);
    return c;
  }

  String putClientName() {
    return client.clientName + PUT_SUFFIX;
  }

  String takeClientName() {
    return client.clientName + TAKE_SUFFIX;
  }

  List<String> redactedUris() {
    return client.redactedUris();
  }
}
