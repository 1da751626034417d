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

/** A fixed host name and command line, so configuration tests ask no DNS. */
final class TestEnvironment implements AgentEnvironment {
  private final String hostName;
  private final String javaCommand;

  TestEnvironment(String hostName, String javaCommand) {
    this.hostName = hostName;
    this.javaCommand = javaCommand;
  }

  static TestEnvironment standard() {
    return new TestEnvironment(
        "web01.dc1.example.com", "org.apache.flume.node.Application -n a1 -f conf/a1.properties");
  }

  @Override
  public String hostName() {
    return hostName;
  }

  /** Here the same as the host name: tests give a fully qualified one. */
  @Override
  public String fullyQualifiedHostName() {
    return hostName;
  }

  @Override
  public String javaCommand() {
    return javaCommand;
  }
}
