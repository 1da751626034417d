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

import com.crankuptheamps.client.Command;
import dev.sluice.flume.amps.sink.AmpsSinkConfig.PublishCommand;

/** One event as the AMPS command it becomes: what the transport needs, nothing more. */
final class OutgoingMessage {
  static final int NO_EXPIRATION = -1;

  final PublishCommand command;
  final String topic;
  final byte[] topicBytes;
  final byte[] body;

  /** For publish and delta_publish the message's SOW key; for sow_delete the keys to delete. */
  final String sowKey;

  final String correlationId;

  /** Seconds, or {@link #NO_EXPIRATION}. */
  final int expiration;

  OutgoingMessage(
      PublishCommand command,
      String topic,
      byte[] topicBytes,
      byte[] body,
      String sowKey,
      String correlationId,
      int expiration) {
    this.command = command;
    this.topic = topic;
    this.topicBytes = topicBytes;
    this.body = body;
    this.sowKey = sowKey;
    this.correlationId = correlationId;
    this.expiration = expiration;
  }

  /** The client command for everything but the plain publish (which has a faster path). */
  Command toCommand() {
    Command cmd = new Command(command.word).setTopic(topic);
    if (command == PublishCommand.SOW_DELETE && sowKey != null) {
      cmd.setSowKeys(sowKey);
    } else {
      cmd.setData(body, 0, body.length);
      if (sowKey != null) {
        cmd.setSowKey(sowKey);
      }
    }
    if (correlationId != null) {
      cmd.setCorrelationId(correlationId);
    }
    if (expiration != NO_EXPIRATION) {
      cmd.setExpiration(expiration);
    }
    return cmd;
  }

  /** A publish with nothing but topic and body: the client's fastest path. */
  boolean isPlainPublish() {
    return command == PublishCommand.PUBLISH
        && sowKey == null
        && correlationId == null
        && expiration == NO_EXPIRATION;
  }
}
