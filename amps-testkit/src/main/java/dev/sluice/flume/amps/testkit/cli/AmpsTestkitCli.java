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

import dev.sluice.flume.amps.testkit.AmpsTestServerMain;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The testkit's command line: {@code server} runs the test server ({@link AmpsTestServerMain}),
 * {@code publish} sends a file of JSON lines at a rate, {@code subscribe} prints what arrives. The
 * two client tools use the AMPS Java client, which must be on the class path (it is not bundled).
 */
public final class AmpsTestkitCli {
  private AmpsTestkitCli() {}

  static final String USAGE =
      "usage: AmpsTestkitCli server [flags] | publish --uri URI --topic T --file F [--rate N]"
          + " [--client-name NAME] [--delta] | subscribe --uri URI --topic T [--filter F]"
          + " [--bookmark B] [--sow] [--count N] [--client-name NAME]";

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (args.length == 0) {
      err.println(USAGE);
      return 2;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      switch (args[0]) {
        case "server":
          AmpsTestServerMain.main(rest);
          return 0;
        case "publish":
          return PublishTool.run(rest, out);
        case "subscribe":
          return SubscribeTool.run(rest, out);
        default:
          err.println("unknown tool '" + args[0] + "'");
          err.println(USAGE);
          return 2;
      }
    } catch (IllegalArgumentException e) {
      err.println("amps-testkit " + args[0] + ": " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
  }
}
