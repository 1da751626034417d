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
 * Writes fields of each event's JSON body, picked by JSON Pointer, into typed columns, for Flume's
 * {@code AsyncHBaseSink}.
 *
 * <pre>
 * a1.sinks.k1.type = asynchbase
 * a1.sinks.k1.serializer = dev.sluice.flume.hbase.serializer.JsonAsyncHBaseSerializer
 * a1.sinks.k1.serializer.columns = price:/order/price:double,qty:/order/qty:long
 * a1.sinks.k1.serializer.rowKey = %{symbol}|${/order_id}
 * </pre>
 *
 * Keys, defaults and behaviour: {@code docs/hbase-serializers.md}.
 */
public final class JsonAsyncHBaseSerializer extends AsyncHBaseAdapter {
  public JsonAsyncHBaseSerializer() {
    this(System::currentTimeMillis, System::nanoTime);
  }

  JsonAsyncHBaseSerializer(LongSupplier clock, LongSupplier nanoClock) {
    super(clock, nanoClock);
  }

  @Override
  SerializerCore createCore(Context context, LongSupplier clock, LongSupplier nanoClock) {
    return JsonSerializerConfig.newCore(context, clock, nanoClock);
  }
}
