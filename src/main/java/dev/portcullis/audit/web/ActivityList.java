package dev.portcullis.audit.web;

import dev.portcullis.audit.AuditEntry;
import dev.portcullis.audit.AuditTrail;
import dev.portcullis.web.BrowserNames;
import dev.portcullis.web.CurrentAccount;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The signed-in account's recent security events, newest first. */
@Named("activity")
@RequestScoped
public class ActivityList {

  static final int SHOWN = 20;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  @Inject CurrentAccount me;
  @Inject AuditTrail trail;

  private List<AuditEntry> entries;

  public List<AuditEntry> getEntries() {
    if (entries == null) {
      entries = trail.recent(me.id(), SHOWN);
    }
    return entries;
  }

  public String when(AuditEntry entry) {
    return WHEN.format(entry.occurredAt());
  }

  /** A browser's name and version out of the entry's user agent. */
  public String browser(AuditEntry entry) {
    return BrowserNames.of(entry.getUserAgent());
  }
}
