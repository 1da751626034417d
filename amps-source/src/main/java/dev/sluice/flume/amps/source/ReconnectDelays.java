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

import com.crankuptheamps.client.ReconnectDelayStrategy;
import dev.sluice.flume.common.retry.Backoff;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The built-in HAClient's reconnect delays: jittered exponential back-off from {@code
 * reconnectInitialDelayMillis} to {@code reconnectMaxDelayMillis}, the first attempt after a lost
 * connection immediate. The wait happens here rather than in the client's {@code Thread.sleep}, so
 * {@link #stop()} ends it at once and makes the client give up.
 *
 * <p>Until {@link #running()} is called (the first subscription is in place), the strategy gives up
 * after one attempt per URI or as soon as a server refused the logon for good (name in use,
 * authentication, entitlement), so that start-up reports the problem instead of retrying inside the
 * client forever. The source then retries with its own back-off.
 */
final class ReconnectDelays implements ReconnectDelayStrategy {
  private final Backoff backoff;
  private final int uriCount;
  private final BooleanSupplier permanentFailure;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running;
  private int attempts;

  ReconnectDelays(
      long initialMillis, long maxMillis, int uriCount, BooleanSupplier permanentFailure) {
    this.backoff = new Backoff(initialMillis, maxMillis);
    this.uriCount = uriCount;
    this.permanentFailure = permanentFailure;
  }

  /** From now on, retry forever (until {@link #stop()}). */
  void running() {
    running = true;
  }

  /** Ends any wait and makes every later attempt give up. */
  void stop() {
    stopped.countDown();
  }

  @Override
  public int getConnectWaitDuration(String uri) throws Exception {
    long delay;
    synchronized (this) {
      if (stopped.getCount() == 0) {
        throw new GiveUp("the source is stopping");
      }
      if (!running) {
        if (permanentFailure.getAsBoolean()) {
          throw new GiveUp("the server refused the logon");
        }
        if (attempts >= uriCount) {
          throw new GiveUp("every server was tried once");
        }
        attempts++;
        return 0;
      }
      delay = attempts == 0 ? 0 : backoff.nextDelayMillis();
      attempts++;
    }
    if (delay > 0 && stopped.await(delay, TimeUnit.MILLISECONDS)) {
      throw new GiveUp("the source is stopping");
    }
    return 0;
  }

  @Override
  public synchronized void reset() {
    attempts = 0;
    backoff.reset();
  }

  /** Thrown to make the HAClient stop trying; the reason is for the client's error message. */
  static final class GiveUp extends Exception {
    private static final long serialVersionUID = 1L;

    GiveUp(String reason) {
      super(reason, null, false, false);
    }
  }
}
