package dev.trustcenter.subscriptions;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableTransp;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * The iCalendar (RFC 5545) event attached to a {@link PlannedChange}'s notice, written with ical4j:
 * one all-day {@code VEVENT} on the effective day ({@code DTSTART;VALUE=DATE}, {@code DTEND} the
 * next day), marked free time, with a {@code UID} stable per change, so a second copy updates the
 * first in a calendar instead of adding another.
 */
final class ChangeCalendar {
  static final String FILE_NAME = "subprocessor-change.ics";
  static final String CONTENT_TYPE = "text/calendar; charset=UTF-8; method=PUBLISH";
  private static final String PRODUCT = "-//trust-center//Subprocessor changes//EN";

  private ChangeCalendar() {}

  /**
   * @param host the site's host name, for the {@code UID} ({@code <change id>@<host>})
   * @param url the page that shows the change, or null
   * @param stamp when the notice was written ({@code DTSTAMP})
   */
  static byte[] event(
      PlannedChange change,
      String summary,
      String description,
      String host,
      String url,
      Instant stamp) {
    VEvent event = new VEvent(false);
    event.add(new DtStamp(stamp.truncatedTo(ChronoUnit.SECONDS)));
    event.add(new Uid(change.id() + "@" + host));
    event.add(new DtStart<>(change.effectiveOn()));
    event.add(new DtEnd<>(change.effectiveOn().plusDays(1)));
    event.add(new Summary(Notices.oneLine(summary)));
    event.add(new Description(description));
    event.add(ImmutableTransp.TRANSPARENT);
    if (url != null) {
      event.add(new Url(java.net.URI.create(url)));
    }
    Calendar calendar = new Calendar();
    calendar.add(new ProdId(PRODUCT));
    calendar.add(ImmutableVersion.VERSION_2_0);
    calendar.add(ImmutableCalScale.GREGORIAN);
    calendar.add(ImmutableMethod.PUBLISH);
    calendar.add(event);
    StringWriter out = new StringWriter();
    try {
      new CalendarOutputter(true).output(calendar, out);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the calendar event", e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
