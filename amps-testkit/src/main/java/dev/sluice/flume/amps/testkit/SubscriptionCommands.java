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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Handlers of subscribe, delta_subscribe, sow, sow_and_subscribe, sow_and_delta_subscribe,
 * unsubscribe and sow_delete for one session, including bookmark replay from the transaction log.
 */
final class SubscriptionCommands {
  /** Options the testkit implements; any other option is accepted and ignored with a warning. */
  private static final Set<String> IMPLEMENTED_OPTIONS =
      Set.of("oof", "replace", "timestamp", "send_keys");

  /** The reason for a command the testkit understands but does not implement. */
  static final String NOT_SUPPORTED = "not supported";

  private final Session session;
  private final Engine engine;
  private final BookmarkReplay replay;

  SubscriptionCommands(Session session, Engine engine) {
    this.session = session;
    this.engine = engine;
    this.replay = new BookmarkReplay(session, engine);
  }

  /** Thrown by validation: the command fails with {@code reason}. */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final String reason;

    Refused(String reason) {
      super(reason, null, false, false);
      this.reason = reason;
    }
  }

  private void warnAboutOptions(Header h) {
    if (h.options == null || h.options.isEmpty()) {
      return;
    }
    for (String part : h.options.split(",")) {
      String name = part.trim();
      int eq = name.indexOf('=');
      String option = eq < 0 ? name : name.substring(0, eq).trim();
      if (!option.isEmpty() && !IMPLEMENTED_OPTIONS.contains(option)) {
        session
            .server()
            .warnOnce(
                "option:" + option,
                () ->
                    "option '"
                        + option
                        + "' is accepted and ignored: the testkit does not implement it");
      }
    }
    if (h.orderBy != null) {
      session
          .server()
          .warnOnce(
              "orderby",
              () -> "orderby is accepted and ignored: SOW results come in insertion order");
    }
  }

  private static Pattern topicPattern(String topic) throws Refused {
    if (topic == null || topic.isEmpty()) {
      throw new Refused("invalid topic");
    }
    if (!isRegex(topic)) {
      return null;
    }
    try {
      return Pattern.compile(topic);
    } catch (PatternSyntaxException e) {
      throw new Refused("bad regex topic");
    }
  }

  /** A topic is a regular expression when it has a regex metacharacter other than '.'. */
  static boolean isRegex(String topic) {
    for (int i = 0; i < topic.length(); i++) {
      if ("^$*+?[](){}|\\".indexOf(topic.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static Filter filter(Header h) throws Refused {
    try {
      return FilterParser.parse(h.filter);
    } catch (FilterParser.BadFilterException e) {
      throw new Refused("bad filter");
    }
  }

  private Subscription newSubscription(Header h, boolean delta, boolean withQuery) throws Refused {
    Pattern regex = topicPattern(h.topic);
    Filter filter = filter(h);
    String subId = h.subId != null ? h.subId : h.commandId;
    if (subId == null || subId.isEmpty()) {
      throw new Refused("invalid subId");
    }
    Subscription existing = session.subscriptionsById.get(subId);
    if (existing != null) {
      if (!h.hasOption("replace")) {
        throw new Refused("subid in use");
      }
      remove(existing);
    }
    warnAboutOptions(h);
    return new Subscription(
        session,
        subId,
        h.topic,
        regex,
        filter,
        h.bookmark != null,
        delta,
        h.hasOption("oof"),
        h.hasOption("timestamp"),
        withQuery ? (h.queryId != null ? h.queryId : subId) : null);
  }

  void subscribe(Header h, boolean delta) {
    session.out().ackEach(h, "success", null, "received");
    Subscription s;
    List<Bookmark.Point> points = null;
    try {
      s = newSubscription(h, delta, false);
      if (h.bookmark != null) {
        points = bookmarkPoints(h, s);
      }
    } catch (Refused r) {
      session.out().fail(h, r.reason);
      return;
    }
    session.subscriptionsById.put(s.subId, s);
    // Subscribe before the ack (a publish the client makes once it has the ack must reach this
    // subscription), but hold deliveries back until the ack is out: the client drops messages
    // that arrive before the processed ack of their subscription.
    s.startBuffering();
    engine.subscribe(s);
    long end = engine.log() == null ? 0 : engine.log().nextIndex();
    session.out().ackEach(h, "success", null, "processed");
    if (points != null && end > 0) {
      replay.replay(s, replay.startIndex(points, end), end);
    }
    s.finishBuffering(points == null ? 0 : end);
    session.out().ackEach(h, "success", null, "completed");
  }

  private List<Bookmark.Point> bookmarkPoints(Header h, Subscription s) throws Refused {
    List<Bookmark.Point> points;
    try {
      points = Bookmark.parse(h.bookmark);
    } catch (Bookmark.InvalidBookmarkException e) {
      throw new Refused("invalid bookmark");
    }
    boolean onlyNow = points.stream().allMatch(p -> p.kind == Bookmark.Point.Kind.NOW);
    if (!onlyNow && s.regex == null && !engine.isLogged(s.topicSpec)) {
      session
          .server()
          .warnOnce(
              "unlogged:" + s.topicSpec,
              () ->
                  "bookmark subscription to topic "
                      + s.topicSpec
                      + ", which is not in the transaction log, was refused");
      throw new Refused("invalid bookmark");
    }
    return points;
  }

  /** The SOW topics a sow command addresses. */
  private List<Topic> sowTopics(Subscription s) throws Refused {
    List<Topic> out = new ArrayList<>();
    if (s.regex == null) {
      if (!engine.isSowTopic(s.topicSpec)) {
        throw new Refused("invalid topic");
      }
      out.add(engine.topic(s.topicSpec));
    } else {
      for (String name : engine.sowTopicNames()) {
        if (s.matchesTopic(name)) {
          out.add(engine.topic(name));
        }
      }
    }
    return out;
  }

  void sow(Header h) {
    session.out().ackEach(h, "success", null, "received");
    Subscription query;
    List<Topic> topics;
    try {
      refuseHistoricalQuery(h);
      Pattern regex = topicPattern(h.topic);
      Filter filter = filter(h);
      warnAboutOptions(h);
      String qid = h.queryId != null ? h.queryId : h.commandId;
      query =
          new Subscription(session, qid, h.topic, regex, filter, false, false, false, false, qid);
      topics = sowTopics(query);
    } catch (Refused r) {
      session.out().fail(h, r.reason);
      return;
    }
    session.out().ackEach(h, "success", null, "processed");
    List<SowRecord[]> results = new ArrayList<>();
    for (Topic t : topics) {
      results.add(t.query(query.filter, null).toArray(new SowRecord[0]));
    }
    int total = sendSow(h, query.queryId, topics, results, limit(h));
    sendCompletion(h, total, topics.size());
  }

  void sowAndSubscribe(Header h, boolean delta) {
    session.out().ackEach(h, "success", null, "received");
    Subscription s;
    List<Topic> topics;
    try {
      refuseHistoricalQuery(h);
      s = newSubscription(h, delta, true);
      topics = sowTopics(s);
    } catch (Refused r) {
      session.out().fail(h, r.reason);
      return;
    }
    session.subscriptionsById.put(s.subId, s);
    session.out().ackEach(h, "success", null, "processed");
    s.startBuffering();
    List<SowRecord[]> results = new ArrayList<>();
    for (Topic t : topics) {
      results.add(t.query(s.filter, s).toArray(new SowRecord[0]));
    }
    engine.subscribe(s);
    int total = sendSow(h, s.queryId, topics, results, limit(h));
    s.finishBuffering(0);
    sendCompletion(h, total, topics.size());
  }

  /**
   * A SOW query with a bookmark asks for the SOW as it was at that point (a historical query),
   * which needs a SOW that keeps history; the testkit keeps none, so it refuses the query rather
   * than answering with today's records.
   */
  private void refuseHistoricalQuery(Header h) throws Refused {
    if (h.bookmark != null && !h.bookmark.isEmpty()) {
      session
          .server()
          .warnOnce(
              "sow-bookmark",
              () ->
                  h.command
                      + " with a bookmark (a historical SOW query) is refused with 'not"
                      + " supported': the testkit keeps no SOW history");
      throw new Refused(NOT_SUPPORTED);
    }
  }

  private static int limit(Header h) {
    long n = Session.parseLong(h.topN);
    return n > 0 && n < Integer.MAX_VALUE ? (int) n : Integer.MAX_VALUE;
  }

  /** group_begin, the records in batches of batch_size, group_end; returns records sent. */
  private int sendSow(
      Header h, String queryId, List<Topic> topics, List<SowRecord[]> results, int limit) {
    int batch = (int) Math.max(1, Math.min(10_000, Session.parseLong(h.batchSize)));
    ByteSink f = Replies.begin();
    f.field("c", "group_begin").field("query_id", queryId);
    session.out().finish(f);
    int sent = 0;
    for (int ti = 0; ti < topics.size() && sent < limit; ti++) {
      Topic t = topics.get(ti);
      SowRecord[] records = results.get(ti);
      for (int from = 0; from < records.length && sent < limit; from += batch) {
        int to = Math.min(records.length, Math.min(from + batch, from + (limit - sent)));
        f = Replies.begin();
        f.field("c", "sow").field("t", t.name).field("query_id", queryId);
        if (h.subId != null) {
          f.field("sub_id", h.subId);
        }
        f.field("bs", to - from);
        f.append((byte) '}');
        for (int i = from; i < to; i++) {
          SowRecord r = records[i];
          f.append((byte) '{').field("k", r.key);
          if (r.entry != null) {
            f.field("bm", r.entry.bookmark());
          }
          f.field("ts", Bookmark.timestamp(r.timestampMillis));
          if (r.correlationId != null) {
            f.field("x", r.correlationId);
          }
          f.field("l", r.body.length).append((byte) '}');
          f.append(r.body);
        }
        f.putInt(0, f.size() - 4);
        session.connection().outbound().send(f.array(), 0, f.size());
        sent += to - from;
      }
    }
    f = Replies.begin();
    f.field("c", "group_end").field("query_id", queryId);
    session.out().finish(f);
    return sent;
  }

  private void sendCompletion(Header h, int returned, int topicMatches) {
    String n = Integer.toString(returned);
    if (h.wantsAck("completed")) {
      session.out().sendAck(h, "completed", "success", null, 0);
    }
    if (h.wantsAck("stats")) {
      session
          .out()
          .sendAck(
              h,
              "stats",
              "success",
              null,
              0,
              "records_returned",
              n,
              "matches",
              n,
              "topic_matches",
              Integer.toString(topicMatches));
    }
  }

  void unsubscribe(Header h) {
    session.out().ackEach(h, "success", null, "received");
    String id = h.subId != null ? h.subId : h.commandId;
    if (id == null || id.equals("all")) {
      removeAll();
    } else {
      for (String one : id.split(",")) {
        Subscription s = session.subscriptionsById.get(one.trim());
        if (s != null) {
          remove(s);
        }
      }
    }
    session.out().ackEach(h, "success", null, "processed", "completed");
  }

  private void remove(Subscription s) {
    session.subscriptionsById.remove(s.subId, s);
    engine.unsubscribe(s);
  }

  void removeAll() {
    for (Subscription s : new ArrayList<>(session.subscriptionsById.values())) {
      remove(s);
    }
  }

  void sowDelete(Header h, byte[] buf, int offset, int length) {
    session.out().ackEach(h, "success", null, "received");
    Filter filter;
    List<String> keys = null;
    Topic topic;
    try {
      if (h.topic == null || SubscriptionCommands.isRegex(h.topic)) {
        throw new Refused("invalid topic");
      }
      if (!engine.isSowTopic(h.topic)) {
        throw new Refused("invalid topic");
      }
      if (h.bookmark != null && !h.bookmark.isEmpty()) {
        // The client's ack() of queue messages: there are no queues here.
        session
            .server()
            .warnOnce(
                "sow-delete-bookmark",
                () ->
                    "sow_delete with a bookmark (acknowledging queue messages) is refused with"
                        + " 'not supported': the testkit has no queues");
        throw new Refused(NOT_SUPPORTED);
      }
      topic = engine.topic(h.topic);
      filter = filter(h);
      if (h.sowKeys != null) {
        keys = Arrays.asList(h.sowKeys.split("\\s*,\\s*"));
      } else if (length > 0 && h.filter == null) {
        Object doc;
        try {
          doc = Json.parse(buf, offset, length);
        } catch (Json.ParseException e) {
          throw new Refused("parse error");
        }
        String key = topic.sowKey(doc, Arrays.copyOfRange(buf, offset, offset + length));
        if (key == null) {
          throw new Refused("bad sow key");
        }
        keys = List.of(key);
      }
    } catch (Refused r) {
      session.out().fail(h, r.reason);
      return;
    }
    int deleted = topic.delete(filter, keys, session.publisher()).size();
    session.out().ackEach(h, "success", null, "processed");
    String n = Integer.toString(deleted);
    if (h.wantsAck("completed")) {
      session.out().sendAck(h, "completed", "success", null, 0);
    }
    if (h.wantsAck("stats")) {
      session.out().sendAck(h, "stats", "success", null, 0, "matches", n, "records_deleted", n);
    }
    if (h.wantsAck("persisted")) {
      session.out().sendAck(h, "persisted", "success", null, 0);
    }
  }
}
