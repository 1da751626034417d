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
package dev.sluice.flume.amps.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One command header: the flat JSON object at the start of a frame. Both the short and the long
 * field names AMPS defines are read (for example {@code c} and {@code cmd}); numbers are kept as
 * text. Fields the testkit does not know are kept by name so that they can be reported once.
 */
final class Header {
  String command;
  String commandId;
  String topic;
  String ackType;
  String bookmark;
  String batchSize;
  String subId;
  String subIds;
  String queryId;
  String sequence;
  String filter;
  String options;
  String clientName;
  String userId;
  String password;
  String version;
  String messageType;
  String sowKey;
  String sowKeys;
  String topN;
  String orderBy;
  String expiration;
  String correlationId;
  String heartbeat;
  List<String> otherFields;

  /** Index in the frame where the body starts. */
  int bodyOffset;

  /** Thrown when the header is not a flat JSON object. */
  static final class MalformedHeaderException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedHeaderException(String message) {
      super(message);
    }
  }

  /** Parses the header at {@code buf[offset..offset+length)}, the body being whatever follows. */
  static Header parse(byte[] buf, int offset, int length) throws MalformedHeaderException {
    Header h = new Header();
    int end = offset + length;
    int p = skipWs(buf, offset, end);
    if (p >= end || buf[p] != '{') {
      throw new MalformedHeaderException("header does not start with '{'");
    }
    p = skipWs(buf, p + 1, end);
    if (p < end && buf[p] == '}') {
      h.bodyOffset = p + 1;
      return h;
    }
    while (true) {
      p = skipWs(buf, p, end);
      if (p >= end || buf[p] != '"') {
        throw new MalformedHeaderException("expected a quoted field name in the header");
      }
      int nameStart = p + 1;
      int nameEnd = nameStart;
      while (nameEnd < end && buf[nameEnd] != '"') {
        if (buf[nameEnd] == '\\') {
          throw new MalformedHeaderException("escaped field name in the header");
        }
        nameEnd++;
      }
      if (nameEnd >= end) {
        throw new MalformedHeaderException("unterminated field name in the header");
      }
      String name = fieldName(buf, nameStart, nameEnd - nameStart);
      p = skipWs(buf, nameEnd + 1, end);
      if (p >= end || buf[p] != ':') {
        throw new MalformedHeaderException("expected ':' after \"" + name + "\"");
      }
      p = skipWs(buf, p + 1, end);
      if (p >= end) {
        throw new MalformedHeaderException("missing value for \"" + name + "\"");
      }
      String value;
      byte b = buf[p];
      if (b == '"') {
        int vs = p + 1;
        int q = vs;
        boolean escaped = false;
        while (q < end && buf[q] != '"') {
          if (buf[q] == '\\') {
            escaped = true;
            q++;
          }
          q++;
        }
        if (q >= end) {
          throw new MalformedHeaderException("unterminated string value for \"" + name + "\"");
        }
        value =
            escaped
                ? unescape(buf, vs, q)
                : ("c".equals(name) || "cmd".equals(name))
                    ? commandName(buf, vs, q - vs)
                    : new String(buf, vs, q - vs, StandardCharsets.UTF_8);
        p = q + 1;
      } else if (b == '-' || (b >= '0' && b <= '9')) {
        int q = p + 1;
        while (q < end && isNumberChar(buf[q])) {
          q++;
        }
        value = new String(buf, p, q - p, StandardCharsets.US_ASCII);
        p = q;
      } else if (matches(buf, p, end, "true")) {
        value = "true";
        p += 4;
      } else if (matches(buf, p, end, "false")) {
        value = "false";
        p += 5;
      } else if (matches(buf, p, end, "null")) {
        value = null;
        p += 4;
      } else {
        throw new MalformedHeaderException(
            "header field \"" + name + "\" is not a string, number, boolean or null");
      }
      h.set(name, value);
      p = skipWs(buf, p, end);
      if (p >= end) {
        throw new MalformedHeaderException("header is not closed");
      }
      if (buf[p] == ',') {
        p++;
      } else if (buf[p] == '}') {
        h.bodyOffset = p + 1;
        return h;
      } else {
        throw new MalformedHeaderException("expected ',' or '}' in the header");
      }
    }
  }

  /**
   * The field name, without allocating for the names clients send on every message: this scanner
   * runs once per frame on the hot path.
   */
  private static String fieldName(byte[] buf, int at, int length) {
    if (length == 1) {
      switch (buf[at]) {
        case 'c':
          return "c";
        case 't':
          return "t";
        case 'a':
          return "a";
        case 's':
          return "s";
        case 'k':
          return "k";
        case 'e':
          return "e";
        case 'x':
          return "x";
        case 'l':
          return "l";
        case 'v':
          return "v";
        default:
          break;
      }
    } else if (length == 2 && buf[at] == 'b' && buf[at + 1] == 'm') {
      return "bm";
    } else if (length == 3 && buf[at] == 'c' && buf[at + 1] == 'i' && buf[at + 2] == 'd') {
      return "cid";
    }
    return new String(buf, at, length, StandardCharsets.US_ASCII);
  }

  private static final String[] COMMANDS = {
    "p",
    "publish",
    "delta_publish",
    "subscribe",
    "delta_subscribe",
    "sow",
    "sow_and_subscribe",
    "sow_and_delta_subscribe",
    "unsubscribe",
    "sow_delete",
    "logon",
    "heartbeat",
    "flush",
    "ack"
  };

  private static String commandName(byte[] buf, int at, int length) {
    for (String c : COMMANDS) {
      if (c.length() == length && matches(buf, at, at + length, c)) {
        return c;
      }
    }
    return new String(buf, at, length, StandardCharsets.UTF_8);
  }

  private static boolean isNumberChar(byte b) {
    return (b >= '0' && b <= '9') || b == '.' || b == 'e' || b == 'E' || b == '+' || b == '-';
  }

  private static boolean matches(byte[] buf, int p, int end, String word) {
    if (end - p < word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (buf[p + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int skipWs(byte[] buf, int p, int end) {
    while (p < end && (buf[p] == ' ' || buf[p] == '\t' || buf[p] == '\n' || buf[p] == '\r')) {
      p++;
    }
    return p;
  }

  private static String unescape(byte[] buf, int from, int to) throws MalformedHeaderException {
    try {
      Object parsed = Json.parse(buf, from - 1, to - from + 2);
      return (String) parsed;
    } catch (Json.ParseException e) {
      throw new MalformedHeaderException("bad escape in a header string: " + e.getMessage());
    }
  }

  private void set(String name, String value) {
    switch (name) {
      case "c":
      case "cmd":
        command = value;
        break;
      case "cid":
      case "cmd_id":
        commandId = value;
        break;
      case "t":
      case "topic":
        topic = value;
        break;
      case "a":
      case "ack_type":
        ackType = value;
        break;
      case "bm":
      case "bookmark":
        bookmark = value;
        break;
      case "bs":
      case "batch_size":
        batchSize = value;
        break;
      case "sub_id":
        subId = value;
        break;
      case "sids":
      case "sub_ids":
        subIds = value;
        break;
      case "query_id":
        queryId = value;
        break;
      case "s":
      case "seq":
        sequence = value;
        break;
      case "filter":
        filter = value;
        break;
      case "o":
      case "opts":
      case "options":
        options = value;
        break;
      case "client_name":
        clientName = value;
        break;
      case "user_id":
        userId = value;
        break;
      case "pw":
      case "password":
      case "auth_key":
        password = value;
        break;
      case "v":
      case "version":
        version = value;
        break;
      case "mt":
      case "message_type":
        messageType = value;
        break;
      case "k":
      case "sow_key":
        sowKey = value;
        break;
      case "sow_keys":
        sowKeys = value;
        break;
      case "top_n":
        topN = value;
        break;
      case "orderby":
        orderBy = value;
        break;
      case "e":
      case "expiration":
        expiration = value;
        break;
      case "x":
      case "correlation_id":
        correlationId = value;
        break;
      case "heartbeat":
        heartbeat = value;
        break;
      case "l":
      case "ts":
      case "status":
      case "reason":
      case "gseq":
      case "lp":
      case "lease_period":
        // Fields the server only sends; ignore them when a client echoes them.
        break;
      default:
        if (otherFields == null) {
          otherFields = new ArrayList<>(2);
        }
        otherFields.add(name);
    }
  }

  /** Whether the comma-separated ack list asks for {@code type}. */
  boolean wantsAck(String type) {
    return listContains(ackType, type);
  }

  /** Whether the comma-separated options list contains {@code option} (ignoring "=value"). */
  boolean hasOption(String option) {
    return optionValue(option) != null;
  }

  /** The value of {@code name=value} in the options, "" for a bare name, null when absent. */
  String optionValue(String option) {
    if (options == null || options.isEmpty()) {
      return null;
    }
    for (String part : options.split(",")) {
      String p = part.trim();
      int eq = p.indexOf('=');
      String name = eq < 0 ? p : p.substring(0, eq).trim();
      if (name.equals(option)) {
        return eq < 0 ? "" : p.substring(eq + 1).trim();
      }
    }
    return null;
  }

  static boolean listContains(String list, String item) {
    if (list == null) {
      return false;
    }
    int from = 0;
    int n = list.length();
    while (from <= n) {
      int comma = list.indexOf(',', from);
      int to = comma < 0 ? n : comma;
      if (to - from == item.length() && list.regionMatches(from, item, 0, item.length())) {
        return true;
      }
      if (comma < 0) {
        return false;
      }
      from = comma + 1;
    }
    return false;
  }
}
