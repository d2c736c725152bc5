package dev.portcullis.mail;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The messages' wording, kept as files beside each other in {@code src/main/resources/mail}: {@code
 * <name>.txt} (its first line {@code Subject: …}, then the plain-text body) and {@code
 * <name>.html}. Each {@code {{key}}} is replaced by its value, HTML-escaped in the HTML body; a key
 * without a value, or a value without its key, is a mistake in the template and fails loudly.
 */
@ApplicationScoped
public class MailTemplates {

  private static final Pattern KEY = Pattern.compile("\\{\\{([a-zA-Z]+)}}");

  /** The message {@code name} to {@code to}, filled in with {@code values}. */
  public Mail render(String name, String to, Map<String, String> values) {
    String text = fill(read(name + ".txt"), values, false);
    String html = fill(read(name + ".html"), values, true);
    if (!text.startsWith("Subject: ") || !text.contains("\n")) {
      throw new IllegalStateException("mail/" + name + ".txt must begin with a Subject: line");
    }
    int end = text.indexOf('\n');
    String subject = text.substring("Subject: ".length(), end).strip();
    return new Mail(to, subject, text.substring(end + 1).stripLeading(), html);
  }

  private static String read(String file) {
    try (InputStream in =
        MailTemplates.class.getClassLoader().getResourceAsStream("mail/" + file)) {
      if (in == null) {
        throw new IllegalStateException("No mail template mail/" + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String fill(String template, Map<String, String> values, boolean html) {
    Matcher key = KEY.matcher(template);
    StringBuilder out = new StringBuilder();
    java.util.Set<String> used = new java.util.HashSet<>();
    while (key.find()) {
      String value = values.get(key.group(1));
      if (value == null) {
        throw new IllegalStateException("No value for {{" + key.group(1) + "}}");
      }
      used.add(key.group(1));
      key.appendReplacement(out, Matcher.quoteReplacement(html ? escape(value) : value));
    }
    key.appendTail(out);
    if (!used.containsAll(values.keySet())) {
      throw new IllegalStateException("A template does not use every value: " + values.keySet());
    }
    return out.toString();
  }

  static String escape(String value) {
    StringBuilder s = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      switch (c) {
        case '<' -> s.append("&lt;");
        case '>' -> s.append("&gt;");
        case '&' -> s.append("&amp;");
        case '"' -> s.append("&quot;");
        case '\'' -> s.append("&#39;");
        default -> s.append(c);
      }
    }
    return s.toString();
  }
}
