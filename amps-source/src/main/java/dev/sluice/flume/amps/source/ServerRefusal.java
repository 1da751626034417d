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
package dev.sluice.flume.amps.source;

import com.crankuptheamps.client.exception.AuthenticationException;
import com.crankuptheamps.client.exception.BadFilterException;
import com.crankuptheamps.client.exception.BadRegexTopicException;
import com.crankuptheamps.client.exception.CommandException;
import com.crankuptheamps.client.exception.DisconnectedException;
import com.crankuptheamps.client.exception.DuplicateLogonException;
import com.crankuptheamps.client.exception.InvalidBookmarkException;
import com.crankuptheamps.client.exception.InvalidMessageTypeException;
import com.crankuptheamps.client.exception.InvalidOptionsException;
import com.crankuptheamps.client.exception.InvalidSubIdException;
import com.crankuptheamps.client.exception.InvalidTopicException;
import com.crankuptheamps.client.exception.InvalidURIException;
import com.crankuptheamps.client.exception.LogonRequiredException;
import com.crankuptheamps.client.exception.NameInUseException;
import com.crankuptheamps.client.exception.NotEntitledException;
import com.crankuptheamps.client.exception.ProtocolNotFoundException;
import com.crankuptheamps.client.exception.RetryOperationException;
import com.crankuptheamps.client.exception.StoreException;
import com.crankuptheamps.client.exception.SubidInUseException;
import com.crankuptheamps.client.exception.SubscriptionAlreadyExistsException;
import com.crankuptheamps.client.exception.TimedOutException;
import com.crankuptheamps.client.exception.TransportTypeException;

/**
 * A failure that retrying cannot fix: the server refused the logon or the subscription because of a
 * setting (a bad filter, an unknown topic, a client name in use), or a local setting is unusable (a
 * bookmark log that cannot be opened). Names the key to change.
 */
final class ServerRefusal {
  /** Where the failure happened, which decides the key to blame for an entitlement refusal. */
  enum Phase {
    LOGON,
    SUBSCRIBE
  }

  final String key;
  final String explanation;

  private ServerRefusal(String key, String explanation) {
    this.key = key;
    this.explanation = explanation;
  }

  /**
   * The refusal behind a failure, or null when the failure is transient (the server could not be
   * reached, the connection dropped, a timeout): those are retried.
   */
  static ServerRefusal of(Throwable failure, Phase phase) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      ServerRefusal r = classify(t, phase);
      if (r != null) {
        return r;
      }
      if (t instanceof DisconnectedException
          || t instanceof TimedOutException
          || t instanceof RetryOperationException
          || t instanceof LogonRequiredException) {
        return null;
      }
    }
    if (phase == Phase.SUBSCRIBE && failure instanceof CommandException) {
      return new ServerRefusal(AmpsSourceConfig.COMMAND, "the server refused the command");
    }
    return null;
  }

  private static ServerRefusal classify(Throwable t, Phase phase) {
    if (t instanceof NameInUseException || t instanceof DuplicateLogonException) {
      return new ServerRefusal(
          AmpsSourceConfig.CLIENT_NAME,
          "the server says this client name is in use: another client (another agent or"
              + " source?) is connected under it, and every AMPS client needs its own name");
    }
    if (t instanceof AuthenticationException) {
      return new ServerRefusal(
          AmpsSourceConfig.URI_KEY,
          "the server refused the credentials (the user and password in the URI)");
    }
    if (t instanceof NotEntitledException) {
      return phase == Phase.LOGON
          ? new ServerRefusal(
              AmpsSourceConfig.URI_KEY, "the user in the URI is not entitled to log on")
          : new ServerRefusal(
              AmpsSourceConfig.TOPIC, "the user is not entitled to subscribe to this topic");
    }
    if (t instanceof InvalidURIException
        || t instanceof ProtocolNotFoundException
        || t instanceof TransportTypeException
        || t instanceof InvalidMessageTypeException) {
      return new ServerRefusal(
          AmpsSourceConfig.URI_KEY,
          "the client cannot use this URI (its transport, message type or parameters)");
    }
    if (t instanceof BadFilterException) {
      return new ServerRefusal(AmpsSourceConfig.FILTER, "the server rejected the filter");
    }
    if (t instanceof BadRegexTopicException || t instanceof InvalidTopicException) {
      return new ServerRefusal(AmpsSourceConfig.TOPIC, "the server rejected the topic");
    }
    if (t instanceof InvalidOptionsException) {
      return new ServerRefusal(AmpsSourceConfig.OPTIONS, "the server rejected the options");
    }
    if (t instanceof SubidInUseException
        || t instanceof SubscriptionAlreadyExistsException
        || t instanceof InvalidSubIdException) {
      return new ServerRefusal(
          AmpsSourceConfig.SUBSCRIPTION_ID,
          "the server rejected the subscription id (is another subscription using it?)");
    }
    if (t instanceof InvalidBookmarkException) {
      return new ServerRefusal(
          AmpsSourceConfig.BOOKMARK_LOG,
          "the server refused the bookmark subscription (is the topic in the server's"
              + " transaction log? does the bookmark log hold a bookmark this server does not"
              + " know?)");
    }
    if (t instanceof StoreException) {
      return new ServerRefusal(
          AmpsSourceConfig.BOOKMARK_LOG, "the bookmark log cannot be opened or written");
    }
    return null;
  }

  @Override
  public String toString() {
    return key + ": " + explanation;
  }
}
