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
package dev.sluice.flume.monitor.graphite;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What the prefix template's variables read from the machine and the JVM: the local host name and
 * the agent's name. Tests give fixed values instead of asking DNS.
 */
interface AgentEnvironment {
  /**
   * The local host name as the machine is configured, without a reverse lookup; null if unknown.
   */
  String hostName();

  /** The local host's fully qualified name (a reverse DNS lookup); null when unknown. */
  String fullyQualifiedHostName();

  /** The JVM's command line (main class and arguments); null when unknown. */
  String javaCommand();

  static AgentEnvironment system() {
    return new AgentEnvironment() {
      @Override
      public String hostName() {
        try {
          return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
          String env = System.getenv("HOSTNAME");
          return env == null || env.isEmpty() ? null : env;
        }
      }

      @Override
      public String fullyQualifiedHostName() {
        try {
          return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
          return hostName();
        }
      }

      @Override
      public String javaCommand() {
        return System.getProperty("sun.java.command");
      }
    };
  }

  /**
   * The agent name from Flume's command line ({@code -n a1}, {@code --name a1}, {@code --name=a1}
   * or {@code -na1}), or null. Flume does not tell a monitor service the agent's name, and the
   * {@code flume-ng} script passes it only as this argument of {@code
   * org.apache.flume.node.Application}.
   */
  static String agentNameFrom(String javaCommand) {
    if (javaCommand == null) {
      return null;
    }
    String[] words = javaCommand.trim().split("\\s+");
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      if ((w.equals("-n") || w.equals("--name")) && i + 1 < words.length) {
        return words[i + 1];
      }
      if (w.startsWith("--name=") && w.length() > "--name=".length()) {
        return w.substring("--name=".length());
      }
      if (w.startsWith("-n") && !w.startsWith("--") && w.length() > 2) {
        return w.substring(2);
      }
    }
    return null;
  }
}
