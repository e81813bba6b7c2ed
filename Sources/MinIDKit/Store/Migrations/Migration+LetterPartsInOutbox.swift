extension Migration {
  /// Version 8. An activation letter's outbox message keeps what the letter needs (the address in
  /// `body`, the code in `letter_code`) rather than its printed text, which is composed when the
  /// message is read: a bulk import writes a few dozen bytes per letter instead of two kilobytes and
  /// draws no QR code.
  static let letterPartsInOutbox = Migration(
    "letter-parts-in-outbox",
    sqlite: """
      ALTER TABLE outbox ADD COLUMN letter_code TEXT;
      """,
    postgres: """
      ALTER TABLE outbox ADD COLUMN letter_code TEXT;
      """)
}
