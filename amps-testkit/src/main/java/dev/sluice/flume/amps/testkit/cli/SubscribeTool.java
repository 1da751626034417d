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
package dev.sluice.flume.amps.testkit.cli;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.MessageStream;
import java.io.PrintStream;
import java.util.Set;

/**
 * Subscribes and prints each message body on its own line: {@code subscribe --uri
 * tcp://host:port/amps/json --topic orders [--filter EXPR] [--bookmark 0|0|1||BOOKMARK] [--sow]
 * [--count N] [--client-name NAME]}. With {@code --sow} it runs sow_and_subscribe; with {@code
 * --count} it exits after N messages, otherwise it runs until stopped.
 */
final class SubscribeTool {
  private SubscribeTool() {}

  static int run(String[] argv, PrintStream out) throws Exception {
    Args args =
        new Args(
            argv,
            Set.of("--uri", "--topic", "--filter", "--bookmark", "--count", "--client-name"),
            Set.of("--sow"));
    String uri = args.required("--uri");
    String topic = args.required("--topic");
    String filter = args.get("--filter", null);
    String bookmark = args.get("--bookmark", null);
    long count = args.number("--count", Long.MAX_VALUE, 1);
    String name = args.get("--client-name", "testkit-subscribe-" + ProcessHandle.current().pid());
    boolean sow = args.flag("--sow");
    args.check();
    try (Client client = new Client(name)) {
      client.connect(uri);
      client.logon();
      Command command = new Command(sow ? "sow_and_subscribe" : "subscribe").setTopic(topic);
      if (filter != null) {
        command.setFilter(filter);
      }
      if (bookmark != null) {
        command.setBookmark(bookmark);
      }
      long printed = 0;
      try (MessageStream stream = client.execute(command)) {
        for (Message m : stream) {
          int c = m.getCommand();
          if (c != Message.Command.Publish && c != Message.Command.SOW) {
            continue;
          }
          out.println(m.getData());
          out.flush();
          if (++printed >= count) {
            break;
          }
        }
      }
    }
    return 0;
  }
}
