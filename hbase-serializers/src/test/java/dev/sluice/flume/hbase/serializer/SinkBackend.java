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
package dev.sluice.flume.hbase.serializer;

import dev.sluice.flume.testsupport.HBaseSinkJars;
import java.nio.file.Path;
import java.util.List;

/** The two Flume HBase sinks an IT agent can run, each with the serializers and jars it takes. */
enum SinkBackend {
  HBASE2("hbase2", SplittingHBase2Serializer.class, JsonHBase2Serializer.class),
  ASYNC("asynchbase", SplittingAsyncHBaseSerializer.class, JsonAsyncHBaseSerializer.class);

  final String sinkType;
  final String splitting;
  final String json;

  SinkBackend(String sinkType, Class<?> splitting, Class<?> json) {
    this.sinkType = sinkType;
    this.splitting = splitting.getName();
    this.json = json.getName();
  }

  /** The jars a user adds to plugins.d beside this sink: never both lists in one agent. */
  List<Path> jars() {
    return this == HBASE2 ? HBaseSinkJars.hbase2Sink() : HBaseSinkJars.asyncHBaseSink();
  }

  /** Short prefix for names of this backend's tables, counter groups and agents. */
  String tag() {
    return this == HBASE2 ? "h2" : "as";
  }
}
