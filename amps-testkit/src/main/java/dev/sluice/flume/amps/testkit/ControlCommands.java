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
package dev.sluice.flume.amps.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The line protocol that controls a testkit running in another process (on its standard input or
 * its admin port). One command per line, one reply line each, {@code OK ...} or {@code ERR ...}:
 *
 * <pre>
 * drop                     close every client connection
 * refuse MILLIS            refuse new connections for MILLIS
 * stall MILLIS             stop reading and writing for MILLIS
 * unstall                  end a stall now
 * delay-acks MILLIS        send persisted acks MILLIS late (0 turns it off)
 * restart [MILLIS]         drop everything, refuse for MILLIS (default 0), keep the log
 * status                   port, connections, client names, log size
 * stop                     shut the process down
 * </pre>
 *
 * Any command may end with {@code primary}, {@code replica} or {@code both} to choose the instance
 * of a pair (the default is the primary).
 */
final class ControlCommands {
  private final AmpsTestServer primary;
  private final AmpsTestServer replica;
  private final Runnable stop;

  ControlCommands(AmpsTestServer primary, AmpsTestServer replica, Runnable stop) {
    this.primary = primary;
    this.replica = replica;
    this.stop = stop;
  }

  /** Runs one command line and returns the reply line. */
  String execute(String line) {
    List<String> words = new ArrayList<>();
    for (String w : line.trim().split("\\s+")) {
      if (!w.isEmpty()) {
        words.add(w.toLowerCase(Locale.ROOT));
      }
    }
    if (words.isEmpty()) {
      return "ERR empty command";
    }
    List<AmpsTestServer> targets = new ArrayList<>();
    String last = words.get(words.size() - 1);
    if (last.equals("primary") || last.equals("replica") || last.equals("both")) {
      words.remove(words.size() - 1);
      if (!last.equals("primary")) {
        if (replica == null) {
          return "ERR there is no replica (start with --replica-port)";
        }
        targets.add(replica);
      }
      if (!last.equals("replica")) {
        targets.add(0, primary);
      }
    } else {
      targets.add(primary);
    }
    String command = words.get(0);
    try {
      switch (command) {
        case "drop":
          targets.forEach(AmpsTestServer::dropAllConnections);
          break;
        case "refuse":
          Duration refuse = millis(words, true);
          targets.forEach(s -> s.refuseConnections(refuse));
          break;
        case "stall":
          Duration stall = millis(words, true);
          targets.forEach(s -> s.stall(stall));
          break;
        case "unstall":
          targets.forEach(AmpsTestServer::endStall);
          break;
        case "delay-acks":
          Duration delay = millis(words, true);
          targets.forEach(s -> s.delayPersistedAcks(delay));
          break;
        case "fail-log-write":
          targets.forEach(AmpsTestServer::failNextLogWrite);
          break;
        case "fail-log-fsync":
          targets.forEach(AmpsTestServer::failNextLogFsync);
          break;
        case "restart":
          Duration down = millis(words, false);
          targets.forEach(s -> s.restart(down));
          break;
        case "status":
          StringBuilder sb = new StringBuilder("OK status");
          for (AmpsTestServer s : targets) {
            sb.append(' ').append(s.instanceName()).append(": ").append(s.status());
          }
          return sb.toString();
        case "stop":
          stop.run();
          break;
        default:
          return "ERR unknown command '" + command + "'";
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      return "ERR " + e.getMessage();
    }
    return "OK " + String.join(" ", words);
  }

  private static Duration millis(List<String> words, boolean required) {
    if (words.size() < 2) {
      if (required) {
        throw new IllegalArgumentException(words.get(0) + " needs a duration in milliseconds");
      }
      return Duration.ZERO;
    }
    try {
      long ms = Long.parseLong(words.get(1));
      if (ms < 0) {
        throw new NumberFormatException();
      }
      return Duration.ofMillis(ms);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + words.get(1) + "' is not a duration in milliseconds");
    }
  }
}
