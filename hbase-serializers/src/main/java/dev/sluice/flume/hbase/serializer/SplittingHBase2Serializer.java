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

import java.util.function.LongSupplier;
import org.apache.flume.Context;

/**
 * Splits each event's body on a delimiter into named, typed columns, for Flume's {@code
 * HBase2Sink}.
 *
 * <pre>
 * a1.sinks.k1.type = hbase2
 * a1.sinks.k1.serializer = dev.sluice.flume.hbase.serializer.SplittingHBase2Serializer
 * a1.sinks.k1.serializer.columns = charges:double,date,priority:int
 * a1.sinks.k1.serializer.rowKey = %{rowKey}
 * </pre>
 *
 * Keys, defaults and behaviour: {@code docs/hbase-serializers.md}.
 */
public final class SplittingHBase2Serializer extends HBase2Adapter {
  public SplittingHBase2Serializer() {
    this(System::currentTimeMillis, System::nanoTime);
  }

  SplittingHBase2Serializer(LongSupplier clock, LongSupplier nanoClock) {
    super(clock, nanoClock);
  }

  @Override
  SerializerCore createCore(Context context, LongSupplier clock, LongSupplier nanoClock) {
    return SplittingSerializerConfig.newCore(context, clock, nanoClock);
  }
}
