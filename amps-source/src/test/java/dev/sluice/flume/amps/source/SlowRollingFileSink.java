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

import org.apache.flume.Context;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.sink.RollingFileSink;

/**
 * Flume's {@code file_roll} sink, slowed down: it pauses {@code pauseMillis} before each batch, so
 * a test can make the sink the bottleneck. Loaded by the test agent from a plugin jar made of test
 * classes.
 */
public class SlowRollingFileSink extends RollingFileSink {
  private long pauseMillis;

  @Override
  public void configure(Context context) {
    super.configure(context);
    pauseMillis = context.getLong("pauseMillis", 0L);
  }

  @Override
  public Status process() throws EventDeliveryException {
    try {
      Thread.sleep(pauseMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Status.BACKOFF;
    }
    return super.process();
  }
}
