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
package dev.sluice.flume.amps.channel;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import org.apache.flume.Channel;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.Transaction;
import org.apache.flume.conf.Configurable;
import org.apache.flume.instrumentation.SinkCounter;
import org.apache.flume.sink.AbstractSink;

/**
 * A test sink for agents (loaded from plugins.d): takes {@code batchSize} events per transaction;
 * every third transaction that took something is rolled back without writing, the others append one
 * body per line to {@code file} and commit. Keys: {@code file}, {@code batchSize}.
 */
public class EveryThirdBatchFailsSink extends AbstractSink implements Configurable {
  private String file;
  private int batchSize;
  private long batches;
  private BufferedWriter out;
  private SinkCounter counter;

  @Override
  public void configure(Context context) {
    file = context.getString("file");
    batchSize = context.getInteger("batchSize", 100);
  }

  @Override
  public synchronized void start() {
    try {
      out =
          Files.newBufferedWriter(
              Paths.get(file),
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    counter = new SinkCounter(getName());
    counter.start(); // FlumeAgent.awaitStarted waits for every component's MBean
    super.start();
  }

  @Override
  public synchronized void stop() {
    try {
      out.close();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    counter.stop();
    super.stop();
  }

  @Override
  public Status process() throws EventDeliveryException {
    Channel channel = getChannel();
    Transaction tx = channel.getTransaction();
    tx.begin();
    try {
      StringBuilder lines = new StringBuilder();
      int n = 0;
      for (; n < batchSize; n++) {
        Event e = channel.take();
        if (e == null) {
          break;
        }
        lines.append(new String(e.getBody(), StandardCharsets.UTF_8)).append('\n');
      }
      if (n == 0) {
        tx.commit();
        return Status.BACKOFF;
      }
      if (++batches % 3 == 0) {
        tx.rollback();
        return Status.READY;
      }
      out.write(lines.toString());
      out.flush();
      tx.commit();
      return Status.READY;
    } catch (IOException | RuntimeException e) {
      tx.rollback();
      throw new EventDeliveryException(e);
    } finally {
      tx.close();
    }
  }
}
