/// Writes the text of the letters and messages minid sends.
public enum LetterComposer {
  public static let subject = "MinID activation letter / aktiveringsbrev"

  /// The activation letter: the address, the code in groups of four, the same code as a QR code, and when
  /// it expires.
  public static func activationLetter(
    address: String, code: ActivationCode, sentAt: Timestamp, expiresAt: Timestamp
  ) -> String {
    let qr = QRCode(code.characters)?.text ?? ""
    return """
      \(address)

      \(sentAt.date)

      MinID – aktiveringsbrev / activation letter

      Bruk koden under for å aktivere MinID. Koden kan brukes én gang og gjelder til \(expiresAt.date).
      Use the code below to activate your MinID. It can be used once and is valid until \(expiresAt.date).

          \(MessageCode.activationLetter)\(code.formatted)

      Du kan også skanne koden med MinID-appen. / You can also scan it with the MinID app.

      \(qr)

      Del aldri denne koden med andre. Har du ikke bestilt MinID, kontakt brukerstøtte.
      Never share this code. If you did not order MinID, contact support.

      """
  }
}
