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
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses the subset of the AMPS content filter language the testkit evaluates. Grammar (keywords
 * are case-insensitive):
 *
 * <pre>
 * filter     := or
 * or         := and ("OR" and)*
 * and        := unary ("AND" unary)*
 * unary      := "NOT" unary | "(" filter ")" | predicate
 * predicate  := operand [ cmp operand
 *                       | ["NOT"] "IN" "(" operand ("," operand)* ")"
 *                       | ["NOT"] "BETWEEN" operand "AND" operand
 *                       | ["NOT"] "LIKE" operand
 *                       | "IS" ["NOT"] "NULL" ]
 * cmp        := "=" | "==" | "!=" | "&lt;&gt;" | "&lt;" | "&lt;=" | "&gt;" | "&gt;="
 * operand    := path | 'string' | "string" | number | TRUE | FALSE | NULL
 * path       := "/" name ("/" name)*
 * </pre>
 */
final class FilterParser {
  /** Thrown for a filter that does not parse; the server answers it with "bad filter". */
  static final class BadFilterException extends Exception {
    private static final long serialVersionUID = 1L;

    BadFilterException(String message) {
      super(message);
    }
  }

  private final String text;
  private int pos;

  private FilterParser(String text) {
    this.text = text;
  }

  /** Parses a filter; null or blank text means "no filter" and gives null. */
  static Filter parse(String text) throws BadFilterException {
    if (text == null || text.trim().isEmpty()) {
      return null;
    }
    FilterParser p = new FilterParser(text);
    Filter f = p.or();
    p.skipWs();
    if (p.pos != text.length()) {
      throw p.error("unexpected '" + text.substring(p.pos) + "'");
    }
    return f;
  }

  private BadFilterException error(String what) {
    return new BadFilterException(what + " at position " + pos + " in filter: " + text);
  }

  private void skipWs() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  /** Consumes the keyword if it is next (followed by a non-word character). */
  private boolean keyword(String word) {
    skipWs();
    int end = pos + word.length();
    if (end > text.length() || !text.regionMatches(true, pos, word, 0, word.length())) {
      return false;
    }
    if (end < text.length() && isWordChar(text.charAt(end))) {
      return false;
    }
    pos = end;
    return true;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private boolean symbol(String s) {
    skipWs();
    if (text.startsWith(s, pos)) {
      pos += s.length();
      return true;
    }
    return false;
  }

  private Filter or() throws BadFilterException {
    Filter left = and();
    while (keyword("OR")) {
      left = new Filter.Or(left, and());
    }
    return left;
  }

  private Filter and() throws BadFilterException {
    Filter left = unary();
    while (keyword("AND")) {
      left = new Filter.And(left, unary());
    }
    return left;
  }

  private Filter unary() throws BadFilterException {
    if (keyword("NOT")) {
      return new Filter.Not(unary());
    }
    if (symbol("(")) {
      Filter inner = or();
      if (!symbol(")")) {
        throw error("expected ')'");
      }
      return inner;
    }
    return predicate();
  }

  private Filter predicate() throws BadFilterException {
    Filter.Operand left = operand();
    skipWs();
    Filter.Op op = comparisonOperator();
    if (op != null) {
      return new Filter.Comparison(left, op, operand());
    }
    int before = pos;
    boolean negated = keyword("NOT");
    if (keyword("IN")) {
      return negate(negated, in(left));
    }
    if (keyword("BETWEEN")) {
      Filter.Operand low = operand();
      if (!keyword("AND")) {
        throw error("expected AND in BETWEEN");
      }
      return negate(negated, new Filter.Between(left, low, operand()));
    }
    if (keyword("LIKE")) {
      return negate(negated, like(left));
    }
    if (negated) {
      pos = before;
      throw error("expected IN, BETWEEN or LIKE after NOT");
    }
    if (keyword("IS")) {
      boolean not = keyword("NOT");
      if (!keyword("NULL")) {
        throw error("expected NULL after IS");
      }
      return negate(not, new Filter.IsNull(left));
    }
    if (left instanceof Filter.Literal && !(((Filter.Literal) left).value instanceof Boolean)) {
      throw error("a literal is not a condition");
    }
    return new Filter.Truth(left);
  }

  private static Filter negate(boolean negated, Filter f) {
    return negated ? new Filter.Not(f) : f;
  }

  private Filter.Op comparisonOperator() {
    if (symbol("<>") || symbol("!=")) {
      return Filter.Op.NE;
    }
    if (symbol("<=")) {
      return Filter.Op.LE;
    }
    if (symbol(">=")) {
      return Filter.Op.GE;
    }
    if (symbol("==") || symbol("=")) {
      return Filter.Op.EQ;
    }
    if (symbol("<")) {
      return Filter.Op.LT;
    }
    if (symbol(">")) {
      return Filter.Op.GT;
    }
    return null;
  }

  private Filter in(Filter.Operand left) throws BadFilterException {
    if (!symbol("(")) {
      throw error("expected '(' after IN");
    }
    List<Filter.Operand> values = new ArrayList<>();
    do {
      values.add(operand());
    } while (symbol(","));
    if (!symbol(")")) {
      throw error("expected ')' to close IN");
    }
    return new Filter.In(left, values);
  }

  private Filter like(Filter.Operand left) throws BadFilterException {
    int at = pos;
    Filter.Operand pattern = operand();
    if (!(pattern instanceof Filter.Literal)
        || !(((Filter.Literal) pattern).value instanceof String)) {
      pos = at;
      throw error("LIKE needs a string pattern");
    }
    try {
      return new Filter.Like(left, Pattern.compile((String) ((Filter.Literal) pattern).value));
    } catch (PatternSyntaxException e) {
      pos = at;
      throw error("bad LIKE pattern (" + e.getDescription() + ")");
    }
  }

  private Filter.Operand operand() throws BadFilterException {
    skipWs();
    if (pos >= text.length()) {
      throw error("unexpected end");
    }
    char c = text.charAt(pos);
    if (c == '/') {
      return path();
    }
    if (c == '\'' || c == '"') {
      return new Filter.Literal(string(c));
    }
    if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
      return new Filter.Literal(number());
    }
    if (keyword("TRUE")) {
      return new Filter.Literal(Boolean.TRUE);
    }
    if (keyword("FALSE")) {
      return new Filter.Literal(Boolean.FALSE);
    }
    if (keyword("NULL")) {
      return new Filter.Literal(Json.NULL);
    }
    throw error("expected a /path or a literal");
  }

  private Filter.Operand path() throws BadFilterException {
    int start = pos;
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (isWordChar(c) || c == '/' || c == '-' || c == '.' || c == '@' || c == '$' || c == ':') {
        pos++;
      } else {
        break;
      }
    }
    String path = text.substring(start, pos);
    if (path.length() < 2 || path.endsWith("/") || path.contains("//")) {
      pos = start;
      throw error("bad path '" + path + "'");
    }
    return new Filter.PathOperand(path);
  }

  private String string(char quote) throws BadFilterException {
    int start = pos;
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == quote) {
        if (pos < text.length() && text.charAt(pos) == quote) {
          sb.append(quote); // a doubled quote stands for one
          pos++;
          continue;
        }
        return sb.toString();
      }
      if (c == '\\' && pos < text.length()) {
        char n = text.charAt(pos++);
        sb.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
        continue;
      }
      sb.append(c);
    }
    pos = start;
    throw error("unterminated string");
  }

  private Object number() throws BadFilterException {
    int start = pos;
    if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
      pos++;
    }
    boolean integral = true;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isDigit(c)) {
        pos++;
      } else if (c == '.' || c == 'e' || c == 'E') {
        integral = false;
        pos++;
        if ((c == 'e' || c == 'E')
            && pos < text.length()
            && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
          pos++;
        }
      } else {
        break;
      }
    }
    String n = text.substring(start, pos);
    if (pos < text.length() && isWordChar(text.charAt(pos))) {
      throw error("bad number '" + n + text.charAt(pos) + "'");
    }
    try {
      if (integral) {
        return Long.parseLong(n.startsWith("+") ? n.substring(1) : n);
      }
      return Double.parseDouble(n);
    } catch (NumberFormatException e) {
      pos = start;
      throw error("bad number '" + n.toLowerCase(Locale.ROOT) + "'");
    }
  }
}
