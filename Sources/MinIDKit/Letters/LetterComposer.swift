/// Writes the activation letter: its words are in `Notices`, the code and its QR code come from here.
public enum LetterComposer {
  /// The subject every activation letter has in the outbox.
  public static let subject = Notices.activationLetterSubject

  /// The activation letter: the address, the code in groups of four, the same code as a QR code, and when
  /// it expires.
  public static func activationLetter(
    address: String, code: ActivationCode, sentAt: Timestamp, expiresAt: Timestamp
  ) -> String {
    Notices.activationLetter(
      address: address, formattedCode: code.formatted, qrCode: QRCode(code.characters)?.text ?? "",
      sentAt: sentAt,
      expiresAt: expiresAt)
  }
}
