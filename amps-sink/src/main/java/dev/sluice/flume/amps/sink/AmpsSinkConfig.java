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
package dev.sluice.flume.amps.sink;

import dev.sluice.flume.amps.client.AmpsClientSettings;
import dev.sluice.flume.common.config.ConfigReader;
import dev.sluice.flume.common.config.InvalidConfigurationException;
import dev.sluice.flume.common.log.CredentialRedactor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flume.Context;

/**
 * Every configuration key of the AMPS sink, parsed once into final fields. The keys of 60East's
 * {@code AMPSFlumeSink} keep their names and meanings; where 60East's default can lose data or leak
 * message bodies into logs ({@code rollbackOnError}, {@code logMsgOnWriteError}) the default here
 * is the safe one. All problems are reported together by {@link #parse}.
 */
final class AmpsSinkConfig {
  static final String LABEL = "amps-sink";

  /** The plugin's directory under plugins.d, for the message about a missing amps-client jar. */
  static final String PLUGIN_DIRECTORY = "sluice-amps-sink";

  // 60East's keys (clientFactoryClass, clientName and uri are AmpsClientSettings' shared keys)
  static final String TOPIC = "topic";
  static final String MAX_BATCH = "maxBatch";
  static final String USE_TOPIC_HEADER = "useTopicHeader";
  static final String PUBLISH_FLUSH_TIMEOUT = "publishFlushTimeout";
  static final String LOG_MSG_ON_WRITE_ERROR = "logMsgOnWriteError";
  static final String ROLLBACK_ON_ERROR = "rollbackOnError";
  static final String PUB_STORE_TYPE = "pubStoreType";
  static final String PUB_STORE_INITIAL_CAP = "pubStoreInitialCap";
  static final String PUB_STORE_PATH = "pubStorePath";
  // Sluice's keys
  static final String TOPIC_HEADER = "topicHeader";
  static final String COMMAND = "command";
  static final String COMMAND_HEADER = "commandHeader";
  static final String SOW_KEY_HEADER = "sowKeyHeader";
  static final String CORRELATION_ID_HEADER = "correlationIdHeader";
  static final String EXPIRATION_HEADER = "expirationHeader";
  static final String UNPUBLISHABLE_POLICY = "unpublishablePolicy";
  static final String DEAD_LETTER_TOPIC = "deadLetterTopic";
  static final String REPUBLISH_LOOP_POLICY = "republishLoopPolicy";
  static final String BOOKMARK_HEADER = "bookmarkHeader";
  static final String ORIGIN_TOPIC_HEADER = "originTopicHeader";
  static final String RECONNECT_TIMEOUT = "reconnectTimeout";
  static final String STOP_TIMEOUT = "stopTimeout";

  /** Where the client keeps published messages until AMPS acknowledges them. */
  enum StoreType {
    MEMORY("memory"),
    FILE("file"),
    NONE("none");

    final String word;

    StoreType(String word) {
      this.word = word;
    }

    static StoreType of(String word) {
      for (StoreType t : values()) {
        if (t.word.equals(word)) {
          return t;
        }
      }
      throw new IllegalArgumentException(word);
    }
  }

  /** The AMPS command an event becomes. */
  enum PublishCommand {
    PUBLISH("publish"),
    DELTA_PUBLISH("delta_publish"),
    SOW_DELETE("sow_delete");

    final String word;

    PublishCommand(String word) {
      this.word = word;
    }

    /** The command named by {@code word} (any case), or null. */
    static PublishCommand parse(String word) {
      String w = word.trim().toLowerCase(Locale.ROOT);
      for (PublishCommand c : values()) {
        if (c.word.equals(w)) {
          return c;
        }
      }
      return null;
    }
  }

  /** What happens to an event that can never be published. */
  enum UnpublishablePolicy {
    DROP("drop"),
    DEAD_LETTER("deadLetter");

    final String word;

    UnpublishablePolicy(String word) {
      this.word = word;
    }
  }

  /** What happens to an event that this sink itself published to the same topic before. */
  enum LoopPolicy {
    DROP("drop"),
    PUBLISH("publish");

    final String word;

    LoopPolicy(String word) {
      this.word = word;
    }
  }

  final String sinkName;
  final String component;

  /**
   * The shared client keys ({@code clientFactoryClass}, {@code clientName}, {@code uri}, {@code
   * reconnectInitialDelay}, {@code reconnectMaxDelay}, {@code heartbeatInterval}).
   */
  final AmpsClientSettings client;

  final String clientName;
  final List<String> uris;
  final String topic;
  final int maxBatch;
  final boolean useTopicHeader;
  final long publishFlushTimeout;
  final boolean logMsgOnWriteError;
  final boolean rollbackOnError;
  final StoreType pubStoreType;
  final int pubStoreInitialCap;
  final String pubStorePath;

  final String topicHeader;
  final PublishCommand command;
  final String commandHeader;
  final String sowKeyHeader;
  final String correlationIdHeader;
  final String expirationHeader;
  final UnpublishablePolicy unpublishablePolicy;
  final String deadLetterTopic;
  final LoopPolicy republishLoopPolicy;
  final String bookmarkHeader;
  final String originTopicHeader;
  final long reconnectTimeout;
  final long stopTimeout;

  final CredentialRedactor redactor;

  /** Every key read with a default, and that default (for the docs-versus-code test). */
  final Map<String, String> defaults;

  private AmpsSinkConfig(String sinkName, ConfigReader r, Context context) {
    this.sinkName = sinkName;
    this.component = r.component();

    this.client = AmpsClientSettings.read(r, context, PLUGIN_DIRECTORY);
    this.clientName = client.clientName;
    this.uris = client.uris;
    this.redactor = client.redactor;

    this.useTopicHeader = r.bool(USE_TOPIC_HEADER, true);
    this.topic = useTopicHeader ? r.optionalString(TOPIC) : r.requiredString(TOPIC, "the topic");
    this.topicHeader = r.string(TOPIC_HEADER, "topic");
    this.maxBatch = r.intInRange(MAX_BATCH, 1000, 1, 1_000_000);
    this.publishFlushTimeout = r.longInRange(PUBLISH_FLUSH_TIMEOUT, 0L, -1L, 86_400_000L);
    this.logMsgOnWriteError = r.bool(LOG_MSG_ON_WRITE_ERROR, false);
    this.rollbackOnError = r.bool(ROLLBACK_ON_ERROR, true);
    this.pubStoreType = StoreType.of(r.oneOf(PUB_STORE_TYPE, "none", "memory", "file", "none"));
    this.pubStoreInitialCap = r.intInRange(PUB_STORE_INITIAL_CAP, 1000, 1, 10_000_000);
    String path = r.optionalString(PUB_STORE_PATH);
    this.pubStorePath = pubStoreType == StoreType.FILE ? path : null;
    if (pubStoreType == StoreType.FILE && (path == null || path.trim().isEmpty())) {
      r.problem(PUB_STORE_PATH, path, "required when pubStoreType = file (the publish store file)");
    }

    String commandWord = r.oneOf(COMMAND, "publish", "publish", "delta_publish", "sow_delete");
    this.command = PublishCommand.parse(commandWord);
    this.commandHeader = r.optionalString(COMMAND_HEADER);
    this.sowKeyHeader = r.optionalString(SOW_KEY_HEADER);
    this.correlationIdHeader = r.optionalString(CORRELATION_ID_HEADER);
    this.expirationHeader = r.optionalString(EXPIRATION_HEADER);

    String policy = r.oneOf(UNPUBLISHABLE_POLICY, "drop", "drop", "deadLetter");
    this.unpublishablePolicy =
        policy.equals("drop") ? UnpublishablePolicy.DROP : UnpublishablePolicy.DEAD_LETTER;
    this.deadLetterTopic = r.optionalString(DEAD_LETTER_TOPIC);
    if (unpublishablePolicy == UnpublishablePolicy.DEAD_LETTER && deadLetterTopic == null) {
      r.problem(
          DEAD_LETTER_TOPIC, null, "required when unpublishablePolicy = deadLetter (a topic name)");
    }
    if (unpublishablePolicy == UnpublishablePolicy.DROP && deadLetterTopic != null) {
      r.problem(
          DEAD_LETTER_TOPIC,
          deadLetterTopic,
          "is only used with unpublishablePolicy = deadLetter, but the policy is drop");
    }
    String loop = r.oneOf(REPUBLISH_LOOP_POLICY, "drop", "drop", "publish");
    this.republishLoopPolicy = loop.equals("drop") ? LoopPolicy.DROP : LoopPolicy.PUBLISH;
    this.bookmarkHeader = r.string(BOOKMARK_HEADER, "bookmark");
    this.originTopicHeader = r.string(ORIGIN_TOPIC_HEADER, "topic");

    this.reconnectTimeout = r.durationMillis(RECONNECT_TIMEOUT, 30_000L, 100L, 86_400_000L);
    this.stopTimeout = r.durationMillis(STOP_TIMEOUT, 10_000L, 0L, 3_600_000L);

    if (publishFlushTimeout == -1 && pubStoreType != StoreType.FILE && client.builtInClient()) {
      r.problem(
          PUBLISH_FLUSH_TIMEOUT,
          "-1",
          "-1 (no flush) commits before AMPS acknowledges the batch, which is only safe with a"
              + " durable publish store: set pubStoreType = file, or a flush timeout of 0 (no"
              + " limit of its own) or more milliseconds");
    }
    r.bool(ConfigReader.STRICT_CONFIG, false); // read again by finish(): here for defaults()
    this.defaults = r.defaults();
  }

  /**
   * Parses the sink's configuration.
   *
   * @throws InvalidConfigurationException listing every problem, with credentials masked
   */
  static AmpsSinkConfig parse(String sinkName, Context context) {
    ConfigReader r = ConfigReader.forSink(sinkName, LABEL, context);
    AmpsSinkConfig config = new AmpsSinkConfig(sinkName, r, context);
    r.finish(config.redactor);
    return config;
  }

  boolean flushEnabled() {
    return publishFlushTimeout >= 0;
  }

  /** The URIs with their passwords masked, for logs. */
  List<String> redactedUris() {
    return client.redactedUris();
  }
}
