package dev.portcullis.platform;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Stores {@link Instant}s as SQL TIMESTAMP (DATETIME on MariaDB) columns holding UTC wall-clock
 * time, so that nodes in different time zones read and write the same instants. The EclipseLink
 * inside Liberty 26.0.0.3 would otherwise serialize them into a byte array, which no TIMESTAMP
 * column accepts.
 */
@Converter(autoApply = true)
public class InstantConverter implements AttributeConverter<Instant, LocalDateTime> {

  @Override
  public LocalDateTime convertToDatabaseColumn(Instant instant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  @Override
  public Instant convertToEntityAttribute(LocalDateTime time) {
    return time == null ? null : time.toInstant(ZoneOffset.UTC);
  }
}
